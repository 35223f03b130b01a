import { Effect, Layer } from "effect";
import { LRUCache } from "lru-cache";
import { ONLINE_WINDOW_SECONDS, Presence, TYPING_WINDOW_SECONDS } from "../../application/ports/Presence.js";
import { KeyValue } from "./KeyValue.js";

/** `users:online:{region}`: members user ids, scores the last request's time (ms); the key lives as long as the window. */
export const onlineKey = (regionCode: string) => `users:online:${regionCode}`;
/** `typing:{questionId}`: members `{userId}|{nickname}`, scores the time they typed (ms); the key expires after 10 s. */
export const typingKey = (questionId: string) => `typing:${questionId}`;

const MAX_TYPERS = 20;
const TYPING_MEMO_MS = 1_000;

/**
 * Presence on the KeyValue store (Redis, a cluster, or the in-process twin): sorted sets scored by time, so
 * a count or a list reads only the window, and marks older than it are trimmed as new ones come. Every
 * key stands alone (no multi-key command). A store that fails counts nobody: presence never fails a request.
 */
export const KeyValuePresence = Layer.effect(
  Presence,
  Effect.gen(function* () {
    const kv = yield* KeyValue;
    const quiet = <A>(fallback: A) => Effect.catch(() => Effect.succeed(fallback));
    // Who is typing is read on every question.get: each question's list is kept here for a second (dropped at
    // once when someone types through this process), so a hot page costs one read a second, not one a request.
    const typers = new LRUCache<string, ReadonlyArray<readonly [string, number]>>({ max: 10_000, ttl: TYPING_MEMO_MS });
    return {
      markOnline: (userId, codes, at) =>
        Effect.forEach(
          codes,
          (code) =>
            kv
              .zAdd(onlineKey(code), at.getTime(), userId, ONLINE_WINDOW_SECONDS)
              .pipe(Effect.andThen(kv.zRemRangeByScore(onlineKey(code), 0, at.getTime() - ONLINE_WINDOW_SECONDS * 1000))),
          { concurrency: "unbounded", discard: true },
        ).pipe(quiet(undefined)),
      onlineCount: (code, at) =>
        kv.zCount(onlineKey(code), at.getTime() - ONLINE_WINDOW_SECONDS * 1000, at.getTime() + 3_600_000).pipe(quiet(0)),
      markTyping: (questionId, userId, nickname, at) =>
        Effect.sync(() => typers.delete(questionId)).pipe(
          Effect.andThen(
            kv
              .zAdd(typingKey(questionId), at.getTime(), `${userId}|${nickname}`, TYPING_WINDOW_SECONDS)
              .pipe(
                Effect.andThen(kv.zRemRangeByScore(typingKey(questionId), 0, at.getTime() - TYPING_WINDOW_SECONDS * 1000)),
                quiet(undefined),
              ),
          ),
        ),
      typing: (questionId, at) =>
        Effect.suspend(() => {
          const known = typers.get(questionId);
          return known
            ? Effect.succeed(known)
            : Effect.tap(kv.zTop(typingKey(questionId), MAX_TYPERS), (entries) => Effect.sync(() => void typers.set(questionId, entries)));
        }).pipe(
          Effect.map((entries) => {
            const since = at.getTime() - TYPING_WINDOW_SECONDS * 1000;
            const seen = new Set<string>();
            const out: { userId: string; nickname: string }[] = [];
            for (const [member, score] of entries) {
              const bar = member.indexOf("|");
              const userId = member.slice(0, bar);
              if (score < since || score > at.getTime() + 1000 || bar < 0 || seen.has(userId)) continue;
              seen.add(userId);
              out.push({ userId, nickname: member.slice(bar + 1) });
            }
            return out;
          }),
          quiet([]),
        ),
    };
  }),
);
