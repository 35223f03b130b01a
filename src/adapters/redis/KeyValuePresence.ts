import { Effect, Layer } from "effect";
import { LRUCache } from "lru-cache";
import { ONLINE_WINDOW_SECONDS, Presence, TYPING_WINDOW_SECONDS } from "../../application/ports/Presence.js";
import { KeyValue } from "./KeyValue.js";

/** `users:online:{region}`: members user ids, scores the last request's time (ms); the key lives as long as the window. */
export const onlineKey = (regionCode: string) => `users:online:${regionCode}`;
/** `typing:{questionId}`: members `{userId}|{nickname}`, scores the time they typed (ms); the key expires after 10 s. */
export const typingKey = (questionId: string) => `typing:${questionId}`;

/** Every typing mark is announced here (the question's id), so each instance knows which questions anyone types on. */
export const TYPING_MARKED = "typing:marked";

const MAX_TYPERS = 20;
const TYPING_MEMO_MS = 1_000;
const TYPING_WINDOW_MS = TYPING_WINDOW_SECONDS * 1000;

/**
 * Presence on the KeyValue store (Redis, a cluster, or the in-process twin): sorted sets scored by time, so
 * a count or a list reads only the window, and marks older than it are trimmed as new ones come. Every
 * key stands alone (no multi-key command). A store that fails counts nobody: presence never fails a request.
 * Who is typing is asked on every question page but true for few questions: each mark is announced on
 * `typing:marked`, and an instance that has heard every announcement for the last window (its subscription
 * unbroken for 10 s) answers "nobody" for a question it heard nothing about, without a read. Another instance's
 * mark shows here after the pub/sub hop.
 */
export const makeKeyValuePresence = (options: { readonly absenceTrustedAfterMs: number } = { absenceTrustedAfterMs: TYPING_WINDOW_MS }) =>
  Layer.effect(
    Presence,
    Effect.gen(function* () {
      const kv = yield* KeyValue;
      const quiet = <A>(fallback: A) => Effect.catch(() => Effect.succeed(fallback));
      // Who is typing is read on every question.get: each question's list is kept here for a second (dropped at
      // once when someone types through this process), so a hot page costs one read a second, not one a request.
      const typers = new LRUCache<string, ReadonlyArray<readonly [string, number]>>({ max: 10_000, ttl: TYPING_MEMO_MS });
      // Questions someone marked typing on within the window, as announced (here or by another instance).
      const announced = new LRUCache<string, true>({ max: 50_000, ttl: TYPING_WINDOW_MS });
      // Before this moment an unheard question may still have marks (made before the subscription, or while it was
      // broken): the store is asked.
      let trustAbsenceFrom = Date.now() + options.absenceTrustedAfterMs;
      yield* kv.subscribe(
        TYPING_MARKED,
        (questionId) => {
          typers.delete(questionId);
          announced.set(questionId, true);
        },
        () => {
          trustAbsenceFrom = Date.now() + options.absenceTrustedAfterMs;
        },
      );
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
          Effect.sync(() => {
            typers.delete(questionId);
            announced.set(questionId, true);
          }).pipe(
            Effect.andThen(
              kv.zAdd(typingKey(questionId), at.getTime(), `${userId}|${nickname}`, TYPING_WINDOW_SECONDS).pipe(
                Effect.andThen(kv.zRemRangeByScore(typingKey(questionId), 0, at.getTime() - TYPING_WINDOW_SECONDS * 1000)),
                // Announced once the mark is stored, so an instance that hears it reads the mark.
                Effect.andThen(kv.publish(TYPING_MARKED, questionId)),
                quiet(undefined),
              ),
            ),
          ),
        nobodyTypingKnown: (questionId) => !announced.has(questionId) && Date.now() >= trustAbsenceFrom,
        typing: (questionId, at) =>
          Effect.suspend(() => {
            if (!announced.has(questionId) && Date.now() >= trustAbsenceFrom) return Effect.succeed([]);
            const known = typers.get(questionId);
            return known
              ? Effect.succeed(known)
              : Effect.tap(kv.zTop(typingKey(questionId), MAX_TYPERS), (entries) =>
                  Effect.sync(() => void typers.set(questionId, entries)),
                );
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

export const KeyValuePresence = makeKeyValuePresence();
