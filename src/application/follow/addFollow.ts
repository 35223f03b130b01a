import { Effect } from "effect";
import { canFollowMore, type FollowKind, followTarget } from "../../domain/notification/follow.js";
import type { UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { FollowRepository } from "../ports/FollowRepository.js";
import { Ids } from "../ports/Ids.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";

/**
 * Follows a region (with its sub-regions) or a hashtag; following the same target again returns the same
 * follow. Questions asked from now on are announced (none from before). The user's row is locked so two
 * adds at once cannot pass the limit together.
 */
export const addFollow = Effect.fn("addFollow")(function* (userId: UserId, input: { readonly kind: FollowKind; readonly target: string }) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const target = yield* fromDomain(followTarget(catalog, input.kind, input.target));
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      yield* (yield* UserRepository).findForUpdate(userId);
      const follows = yield* FollowRepository;
      const existing = yield* follows.find(userId, input.kind, target);
      if (existing) return existing;
      yield* fromDomain(canFollowMore(yield* follows.count(userId)));
      const now = yield* (yield* Clock).now;
      return yield* follows.add({
        id: yield* (yield* Ids).next,
        userId,
        kind: input.kind,
        target,
        createdAt: now,
        checkedUntil: now,
        lastNotifiedAt: null,
      });
    }),
  );
});
