import { Effect, Layer } from "effect";
import { FollowRepository } from "../../application/ports/FollowRepository.js";
import type { Follow } from "../../domain/notification/follow.js";
import { isListed } from "../../domain/question/question.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";
import { QUESTIONS, USERS } from "./sharedTables.js";

const FOLLOWS = mapTable<string, Follow>();
/** `userId|day` of the digests sent. */
const DIGESTS = mapTable<string, Date>();
const byTime = (a: Follow, b: Follow) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);

export const InMemoryFollowRepository = Layer.effect(
  FollowRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const follows = () => store.get(FOLLOWS);
    const mine = (userId: string) => [...follows().values()].filter((f) => f.userId === userId);
    const live = (userId: string) => {
      const u = store.get(USERS).get(userId as never);
      return u !== undefined && u.deletedAt === null;
    };
    return {
      add: (f) =>
        Effect.sync(() => {
          const existing = mine(f.userId).find((x) => x.kind === f.kind && x.target === f.target);
          if (existing) return existing;
          follows().set(f.id, f);
          return f;
        }),
      find: (userId, kind, target) => Effect.sync(() => mine(userId).find((x) => x.kind === kind && x.target === target)),
      list: (userId) => Effect.sync(() => mine(userId).sort(byTime)),
      count: (userId) => Effect.sync(() => mine(userId).length),
      remove: (userId, id) =>
        Effect.sync(() => {
          const f = follows().get(id);
          if (!f || f.userId !== userId) return false;
          return follows().delete(id);
        }),
      removeAllOf: (userId) =>
        Effect.sync(() => {
          const ids = mine(userId).map((f) => f.id);
          for (const id of ids) follows().delete(id);
          for (const key of [...store.get(DIGESTS).keys()]) if (key.startsWith(`${userId}|`)) store.get(DIGESTS).delete(key);
          return ids.length;
        }),
      due: (notifiedBefore, afterId, limit) =>
        Effect.sync(() =>
          [...follows().values()]
            .filter((f) => (afterId === null || f.id > afterId) && live(f.userId))
            .filter((f) => f.lastNotifiedAt === null || f.lastNotifiedAt.getTime() <= notifiedBefore.getTime())
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .slice(0, limit),
        ),
      markChecked: (id, checkedUntil, notifiedAt) =>
        Effect.sync(() => {
          const f = follows().get(id);
          if (f) follows().set(id, { ...f, checkedUntil, lastNotifiedAt: notifiedAt ?? f.lastNotifiedAt });
        }),
      newQuestions: (scope, since, until, exclude) =>
        Effect.sync(() => {
          const codes = scope.kind === "region" ? new Set(scope.regionCodes) : null;
          const found = [...store.get(QUESTIONS).values()]
            .filter((q) => isListed(q) && q.authorId !== exclude)
            .filter((q) => q.createdAt.getTime() > since.getTime() && q.createdAt.getTime() <= until.getTime())
            .filter((q) => (codes ? codes.has(q.regionCode) : scope.kind === "hashtag" && q.hashtags.includes(scope.hashtag)))
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
          return { count: found.length, latestId: found[0]?.id ?? null };
        }),
      claimDigest: (userId, day, at) =>
        Effect.sync(() => {
          const key = `${userId}|${day}`;
          if (store.get(DIGESTS).has(key)) return false;
          store.get(DIGESTS).set(key, at);
          return true;
        }),
      digestSubscribers: (afterId, limit) =>
        Effect.sync(() => {
          const withFollows = new Set([...follows().values()].map((f) => f.userId as string));
          return [...store.get(USERS).values()]
            .filter((u) => u.deletedAt === null && u.notificationSettings.dailyDigest === true && withFollows.has(u.id))
            .filter((u) => afterId === null || u.id > afterId)
            .map((u) => u.id)
            .sort()
            .slice(0, limit);
        }),
    };
  }),
);
