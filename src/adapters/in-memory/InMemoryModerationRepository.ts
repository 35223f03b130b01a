import { Effect, Layer } from "effect";
import { ModerationRepository } from "../../application/ports/ModerationRepository.js";
import type { AuditEntry, Flag, PostTarget, Review } from "../../domain/moderation/moderation.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { Role } from "../../domain/user/role.js";
import { InMemoryStore, mapTable, table } from "./InMemoryStore.js";
import { USERS } from "./sharedTables.js";

const keyOf = (t: { readonly type: string; readonly id: string }) => `${t.type}:${t.id}`;
const FLAGS = mapTable<string, Flag>();
const REVIEWS = mapTable<string, Review>();
const ROLES = mapTable<UserId, Role>();
const AUDIT = table<AuditEntry[]>(
  () => [],
  (rows) => [...rows],
);

export const InMemoryModerationRepository = Layer.effect(
  ModerationRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const flags = () => store.get(FLAGS);
    const reviews = () => store.get(REVIEWS);
    return {
      addFlag: (flag) =>
        Effect.sync(() => {
          const key = `${keyOf(flag.target)}:${flag.userId}`;
          if (flags().has(key)) return false;
          flags().set(key, flag);
          return true;
        }),
      countFlags: (target: PostTarget) => Effect.sync(() => [...flags().values()].filter((f) => keyOf(f.target) === keyOf(target)).length),
      openReview: (review) =>
        Effect.sync(() => {
          const current = reviews().get(keyOf(review.target));
          // A pending review changes only when the post is now hidden and was not (flags after the profanity check).
          if (current?.state === "pending" && (current.hidden || !review.hidden)) return false;
          reviews().set(keyOf(review.target), review);
          return true;
        }),
      findReview: (target) => Effect.sync(() => reviews().get(keyOf(target))),
      pending: ({ limit, after }) =>
        Effect.sync(() =>
          [...reviews().values()]
            .filter((r) => r.state === "pending")
            .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || (a.target.id < b.target.id ? -1 : 1))
            .filter(
              (r) =>
                !after ||
                r.openedAt.getTime() > after.openedAt.getTime() ||
                (r.openedAt.getTime() === after.openedAt.getTime() && r.target.id > after.id),
            )
            .slice(0, limit),
        ),
      resolve: (target, resolution, by, at) =>
        Effect.sync(() => {
          const current = reviews().get(keyOf(target));
          if (current?.state !== "pending") return false;
          reviews().set(keyOf(target), { ...current, state: "resolved", resolution, resolvedBy: by, resolvedAt: at });
          return true;
        }),
      audit: (entry) => Effect.sync(() => void store.get(AUDIT).push(entry)),
      auditOf: (target) => Effect.sync(() => store.get(AUDIT).filter((e) => keyOf(e.target) === keyOf(target))),
      roleOf: (userId) => Effect.sync(() => store.get(ROLES).get(userId) ?? "user"),
      setRole: (userId, role) =>
        Effect.sync(() => {
          const user = store.get(USERS).get(userId);
          if (!user || user.deletedAt !== null) return false;
          store.get(ROLES).set(userId, role);
          return true;
        }),
    };
  }),
);
