import { Deferred, Duration, Effect, Layer, Schedule } from "effect";
import { LRUCache } from "lru-cache";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { ViewCounter, type Viewer } from "../../application/ports/ViewCounter.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { QuestionId as toQuestionId } from "../../domain/shared/ids.js";
import { KeyValue } from "./KeyValue.js";

/** The seed's key: views of a question not yet written back to PostgreSQL. */
export const viewsKey = (id: string) => `stats:question:${id}:views`;
/** Questions with buffered views (a set, so any instance's flusher finds every one). */
export const DIRTY_VIEWS = "stats:views:dirty";
const seenKey = (id: string, viewer: string) => `stats:question:${id}:viewer:${viewer}`;

export interface ViewCounterOptions {
  /** A question's buffered views are written back once they reach this many (the seed: 10). */
  readonly batch: number;
  /** …and every interval, whatever their number. */
  readonly intervalMs: number;
  /** Repeat views by the same viewer within this window count once. */
  readonly repeatWindowSeconds: number;
  /** Hears each write-back's outcome (a metric). */
  readonly onFlush?: (outcome: "written" | "failed", views: number) => void;
}

/** A write-back of a question's views by this process: in flight until storedAfter (the count it left) is known. */
interface WriteBack {
  readonly views: number;
  storedAfter: number | null;
  committedAt: number;
  readonly settled: Deferred.Deferred<void>;
}
/** How long a committed write-back is remembered: longer than any reader takes from reading the store to counting. */
const WRITE_BACK_MEMORY_MS = 10_000;
/** How long a reader waits for a write-back in flight before assuming its read did not see it. */
const WRITE_BACK_WAIT_MS = 1_000;

export const VIEW_COUNTER_DEFAULTS: ViewCounterOptions = { batch: 10, intervalMs: 5_000, repeatWindowSeconds: 1_800 };

/**
 * Views are INCRs on `stats:question:{id}:views` (Redis, or its in-process twin), written back to the
 * question store with one UPDATE per question every `batch` views and every `intervalMs` — never a write
 * per read. A write-back takes the count with GETDEL (no two flushers take the same views); a failed
 * UPDATE puts the count back. While Redis is unreachable, views are buffered in this process and written
 * back by the same timer (repeats are not recognised meanwhile). On shutdown everything buffered is
 * written; a crash loses at most what was buffered since the last write-back.
 */
export const makeBatchedViewCounter = (options: ViewCounterOptions = VIEW_COUNTER_DEFAULTS) =>
  Layer.effect(
    ViewCounter,
    Effect.gen(function* () {
      const kv = yield* KeyValue;
      const questions = yield* QuestionRepository;
      const local = new Map<string, number>();
      // Viewers this process saw within the window, so a repeat costs no SET NX (Redis is still asked the first
      // time, for other instances' sightings).
      const seenHere = new LRUCache<string, true>({ max: 200_000, ttl: options.repeatWindowSeconds * 1000 });
      // This process's write-backs of each question, in flight or recently committed, so a reader who read the
      // stored count around one shows its views exactly once (see unstored).
      const writeBacks = new Map<string, WriteBack[]>();
      const forget = (id: string, done: WriteBack) => {
        const left = (writeBacks.get(id) ?? []).filter((w) => w !== done);
        if (left.length > 0) writeBacks.set(id, left);
        else writeBacks.delete(id);
      };
      const recent = (id: string) => {
        const now = Date.now();
        for (const w of writeBacks.get(id) ?? []) if (w.storedAfter !== null && now - w.committedAt > WRITE_BACK_MEMORY_MS) forget(id, w);
        return writeBacks.get(id) ?? [];
      };

      /** Writes `views` back; true when PostgreSQL took them (or the question is gone). */
      const write = (id: string, views: number) =>
        Effect.suspend(() => {
          const w: WriteBack = { views, storedAfter: null, committedAt: 0, settled: Deferred.makeUnsafe<void>() };
          writeBacks.set(id, [...(writeBacks.get(id) ?? []), w]);
          return questions.addToCounters(toQuestionId(id), { views }).pipe(
            Effect.map((after) => {
              options.onFlush?.("written", views);
              if (after === undefined) forget(id, w);
              else Object.assign(w, { storedAfter: after, committedAt: Date.now() });
              return true;
            }),
            Effect.catchCause(() =>
              Effect.sync(() => {
                options.onFlush?.("failed", views);
                forget(id, w);
                return false;
              }),
            ),
            Effect.ensuring(Deferred.succeed(w.settled, undefined)),
          );
        });
      const keepLocally = (id: string, views: number) => Effect.sync(() => void local.set(id, (local.get(id) ?? 0) + views));

      /**
       * The views of `id` held by this process and not in `stored` (the count a reader read from the store):
       * those buffered while Redis was away, and those of write-backs the reader's read did not see. A reader
       * who read during a write-back waits for it (briefly) to learn which side of it the read fell on.
       */
      const unstored = (id: string, stored: number | undefined) =>
        Effect.gen(function* () {
          const mine = recent(id);
          if (stored !== undefined && mine.some((w) => w.storedAfter === null))
            yield* Effect.forEach(mine, (w) => Deferred.await(w.settled), { discard: true }).pipe(
              Effect.timeout(Duration.millis(WRITE_BACK_WAIT_MS)),
              Effect.ignore,
            );
          let views = local.get(id) ?? 0;
          for (const w of recent(id)) if (w.storedAfter === null || (stored !== undefined && stored < w.storedAfter)) views += w.views;
          return views;
        });
      const heldNow = (id: string) => (local.get(id) ?? 0) + recent(id).reduce((n, w) => n + (w.storedAfter === null ? w.views : 0), 0);

      const flushOne = (id: string) =>
        Effect.gen(function* () {
          const taken = yield* kv.getDel(viewsKey(id));
          const views = taken === null ? 0 : Number.parseInt(taken, 10);
          if (!(views > 0)) return;
          if (yield* write(id, views)) return;
          // PostgreSQL refused: the views go back where they came from, for the next round.
          yield* Effect.all([kv.incrBy(viewsKey(id), views), kv.sAdd(DIRTY_VIEWS, [id])]).pipe(Effect.catch(() => keepLocally(id, views)));
        }).pipe(Effect.catch(() => Effect.void));

      const flushLocal = Effect.gen(function* () {
        const entries = [...local.entries()];
        local.clear();
        for (const [id, views] of entries) if (!(yield* write(id, views))) yield* keepLocally(id, views);
      });

      const flushAll = Effect.gen(function* () {
        yield* flushLocal;
        for (;;) {
          const ids = yield* kv.sPop(DIRTY_VIEWS, 100).pipe(Effect.catch(() => Effect.succeed([] as ReadonlyArray<string>)));
          if (ids.length === 0) return;
          yield* Effect.forEach(ids, flushOne, { concurrency: 4, discard: true });
        }
      });

      yield* flushAll.pipe(Effect.repeat(Schedule.spaced(Duration.millis(options.intervalMs))), Effect.forkScoped);
      // Graceful shutdown writes back everything buffered (the runtime's finalizers run before the pools close).
      yield* Effect.addFinalizer(() => flushAll);

      const pendingOf = (id: QuestionId, stored: number | undefined) =>
        kv.get(viewsKey(id)).pipe(
          Effect.map((v) => (v === null ? 0 : Number.parseInt(v, 10))),
          Effect.catch(() => Effect.succeed(0)),
          Effect.flatMap((pending) => Effect.map(unstored(id, stored), (held) => pending + held)),
        );

      /** Counts one view; the buffered views in Redis, this one included. */
      const count = (id: QuestionId) =>
        Effect.gen(function* () {
          // Both at once (one round trip's wait): the flusher finds the question by the set, the count by the key.
          const [pending] = yield* Effect.all([kv.incrBy(viewsKey(id), 1), kv.sAdd(DIRTY_VIEWS, [id])], { concurrency: 2 });
          // The tenth view writes the batch back, after the reply (the reader does not wait for PostgreSQL).
          if (pending >= options.batch) yield* Effect.forkDetach(flushOne(id));
          return pending;
        });

      /** The view counted (unless the author's or a repeat); `readBack` gives the count a reader should show. */
      /** The author's own view, or a repeat this process saw: nothing to count, nothing to ask. */
      const knownUncounted = (id: QuestionId, viewer: Viewer, authorId: UserId) =>
        viewer.userId === authorId || (viewer.key !== null && seenHere.has(`${id}|${viewer.key}`));
      const take = <A>(id: QuestionId, viewer: Viewer, authorId: UserId, readBack: (counted: number | null) => Effect.Effect<A>) =>
        Effect.gen(function* () {
          if (knownUncounted(id, viewer, authorId)) return yield* readBack(null);
          if (viewer.key !== null) {
            const here = `${id}|${viewer.key}`;
            const first = yield* kv.set(seenKey(id, viewer.key), "1", { ttlSeconds: options.repeatWindowSeconds, onlyIfAbsent: true });
            seenHere.set(here, true);
            if (!first) return yield* readBack(null);
          }
          return yield* readBack(yield* count(id));
        });

      return {
        record: (id, viewer, authorId, stored) =>
          take(id, viewer, authorId, (counted) =>
            counted === null ? pendingOf(id, stored) : Effect.map(unstored(id, stored), (held) => counted + held),
          ).pipe(
            // Redis unreachable: this process keeps the view and the timer writes it back.
            Effect.catch(() => keepLocally(id, 1).pipe(Effect.andThen(Effect.sync(() => heldNow(id))))),
          ),
        knownUncounted,
        note: (id, viewer, authorId) => take(id, viewer, authorId, () => Effect.void).pipe(Effect.catch(() => keepLocally(id, 1))),
        flush: flushAll,
      };
    }),
  );
