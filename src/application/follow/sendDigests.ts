import { Effect } from "effect";
import { DIGEST_WINDOW_MS, digestNotice, targetLabel } from "../../domain/notification/follow.js";
import type { UserId } from "../../domain/shared/ids.js";
import { kstDay } from "../../domain/shared/time.js";
import { notify } from "../notification/notify.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { FollowRepository } from "../ports/FollowRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { scopeOf } from "./notifyFollowers.js";

/** The morning digest job (08:00 KST). */
export const DIGEST_JOB = "follow.digest";

/**
 * For each user who opted in (settings.dailyDigest) and follows something: one notice summing the new questions
 * of the last 24 h in each followed region and hashtag (not their own, not hidden or deleted), none when there
 * are none. One unit of work per user, claimed per Korean day, so a retried job sends no digest twice.
 */
export const sendDigests = Effect.fn("sendDigests")(function* (batchSize = 200) {
  const now = yield* (yield* Clock).now;
  const since = new Date(now.getTime() - DIGEST_WINDOW_MS);
  const day = kstDay(now);
  const catalog = yield* (yield* RegionRepository).catalog;
  const repo = yield* FollowRepository;
  const uow = yield* UnitOfWork;
  let after: string | null = null;
  let sent = 0;
  for (;;) {
    const users: readonly UserId[] = yield* repo.digestSubscribers(after, batchSize);
    if (users.length === 0) break;
    for (const id of users) {
      const done = yield* uow.transact(
        Effect.gen(function* () {
          if (!(yield* repo.claimDigest(id, day, now))) return false;
          const lines = [];
          for (const f of yield* repo.list(id))
            lines.push({
              label: targetLabel(catalog, f.kind, f.target),
              count: (yield* repo.newQuestions(scopeOf(catalog, f), since, now, id)).count,
            });
          const draft = digestNotice(id, lines);
          if (!draft) return false;
          yield* (yield* Events).record(yield* notify(draft));
          return true;
        }),
      );
      if (done) sent++;
    }
    after = users[users.length - 1] ?? null;
  }
  return { sent };
});
