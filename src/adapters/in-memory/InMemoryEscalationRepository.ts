import { Effect, Layer } from "effect";
import { EscalationRepository } from "../../application/ports/EscalationRepository.js";
import { isLocalVerified } from "../../domain/user/user.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";
import { USERS } from "./sharedTables.js";

interface NoticeRow {
  readonly questionId: string;
  readonly userId: string;
  readonly ring: number;
  readonly at: Date;
}
/** Keyed `questionId|userId`: each local once per question. */
export const ESCALATION_NOTICES = mapTable<string, NoticeRow>();

export const InMemoryEscalationRepository = Layer.effect(
  EscalationRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const notices = () => store.get(ESCALATION_NOTICES);
    return {
      localsIn: (regionCodes, exclude, limit) =>
        Effect.sync(() => {
          const codes = new Set(regionCodes);
          return [...store.get(USERS).values()]
            .filter(
              (u) => u.regionCode !== null && codes.has(u.regionCode) && isLocalVerified(u) && u.deletedAt === null && u.id !== exclude,
            )
            .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime() || (a.id < b.id ? -1 : 1))
            .slice(0, limit)
            .map((u) => u.id);
        }),
      notifiedOf: (questionId) =>
        Effect.sync(() => new Set([...notices().values()].filter((n) => n.questionId === questionId).map((n) => n.userId))),
      countsSince: (userIds, since) =>
        Effect.sync(() => {
          const wanted = new Set<string>(userIds);
          const counts = new Map<string, number>();
          for (const n of notices().values())
            if (wanted.has(n.userId) && n.at.getTime() >= since.getTime()) counts.set(n.userId, (counts.get(n.userId) ?? 0) + 1);
          return counts;
        }),
      record: (questionId, userIds, ring, at) =>
        Effect.sync(() => {
          const added = [];
          for (const u of new Set(userIds)) {
            const key = `${questionId}|${u}`;
            if (notices().has(key)) continue;
            notices().set(key, { questionId, userId: u, ring, at });
            added.push(u);
          }
          return added;
        }),
      notifiedCount: (questionId) => Effect.sync(() => [...notices().values()].filter((n) => n.questionId === questionId).length),
    };
  }),
);
