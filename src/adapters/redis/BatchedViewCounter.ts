import { Deferred, Duration, Effect, Layer, Queue, Schedule } from "effect";
import { LRUCache } from "lru-cache";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { ViewCounter, type Viewer } from "../../application/ports/ViewCounter.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
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
  /** What it took (from Redis: known once the GETDEL answers). */
  views: number;
  /** Its place among this process's takes from Redis (0: views this process held, never in Redis). */
  readonly take: number;
  storedAfter: number | null;
  committedAt: number;
  readonly settled: Deferred.Deferred<void>;
}
/** How long a committed write-back is remembered: longer than any reader takes from reading the store to counting. */
const WRITE_BACK_MEMORY_MS = 10_000;
/** How long a reader waits for a write-back in flight before assuming its read did not see it. */
const WRITE_BACK_WAIT_MS = 1_000;
/** A view `note` queued: counted by the queue's fiber, with whatever else queued meanwhile. */
interface Noted {
  readonly id: string;
  readonly key: string | null;
}

/** Takes `n` off `id`'s tally, dropping it at zero. */
const decrease = (tally: Map<string, number>, id: string, n: number) => {
  const left = (tally.get(id) ?? 0) - n;
  if (left > 0) tally.set(id, left);
  else tally.delete(id);
};

export const VIEW_COUNTER_DEFAULTS: ViewCounterOptions = { batch: 10, intervalMs: 5_000, repeatWindowSeconds: 1_800 };

/**
 * Views are INCRs on `stats:question:{id}:views` (Redis, or its in-process twin), written back to the
 * question store once a question has `batch` views and every `intervalMs` — never a write per read. Each
 * write-back is one round of statements for all the questions it takes (up to 100 on the timer:
 * QuestionRepository.addViews). A write-back takes the counts with GETDEL (no two flushers take the same
 * views); a failed one puts them back. While Redis is unreachable, views are buffered in this process and written
 * back by the same timer (repeats are not recognised meanwhile). `note` queues its view and returns: a fiber
 * counts what queued meanwhile in one go (the viewers' SET NX pipelined, one INCRBY per question), so a
 * reader shown a cached page never waits for Redis. On shutdown everything queued and buffered is written; a
 * crash loses at most what was queued or buffered since the last write-back.
 */
export const makeBatchedViewCounter = (options: ViewCounterOptions = VIEW_COUNTER_DEFAULTS) =>
  Layer.effect(
    ViewCounter,
    Effect.gen(function* () {
      const kv = yield* KeyValue;
      const questions = yield* QuestionRepository;
      const local = new Map<string, number>();
      // Views `note` queued and not yet counted, by question (readers add them to what Redis says).
      const queued = yield* Queue.unbounded<Noted>();
      const queuedOf = new Map<string, number>();
      // Of those, the views whose INCRBY may have reached Redis already: a reader's count cannot tell, so it waits.
      const inFlightOf = new Map<string, number>();
      /** Views queued here that no command has carried to Redis yet: a read of Redis's count cannot include them. */
      const notSent = (id: string) => (queuedOf.get(id) ?? 0) - (inFlightOf.get(id) ?? 0);
      // GETDELs of a question's count (and put-backs of a refused write-back) this process has out: a read overlapping
      // one may or may not have seen those views in Redis.
      const takingOf = new Map<string, number>();
      let takes = 0;
      // Write-backs of views taken from Redis that PostgreSQL refused (their views go back to Redis).
      let refusals = 0;
      /** A command that moves this question's views in or out of Redis is out: a read of its count now is ambiguous. */
      const moving = (id: string) => (inFlightOf.get(id) ?? 0) > 0 || (takingOf.get(id) ?? 0) > 0;
      // Views ever noted and ever taken off the queue (counted, kept here or found a repeat): a flush waits for
      // those noted before it began, not for ones that keep arriving under load.
      let noted = 0;
      let processed = 0;
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

      const begin = (id: string, views: number, take: number) => {
        const w: WriteBack = { views, take, storedAfter: null, committedAt: 0, settled: Deferred.makeUnsafe<void>() };
        writeBacks.set(id, [...(writeBacks.get(id) ?? []), w]);
        return [id, w] as const;
      };
      /**
       * Writes begun write-backs, all in one statement round; true when PostgreSQL took them (questions gone drop out).
       * `onRefused` hears each one PostgreSQL refused before readers stop counting it.
       */
      const write = (started: ReadonlyArray<readonly [string, WriteBack]>, onRefused: (id: string) => void = () => {}) =>
        Effect.suspend(() => {
          if (started.length === 0) return Effect.succeed(true);
          const views = new Map(started.map(([id, w]) => [id as QuestionId, w.views]));
          const total = started.reduce((n, [, w]) => n + w.views, 0);
          return questions.addViews(views).pipe(
            Effect.map((after) => {
              options.onFlush?.("written", total);
              const now = Date.now();
              for (const [id, w] of started) {
                const stored = after.get(id as QuestionId);
                if (stored === undefined) forget(id, w);
                else Object.assign(w, { storedAfter: stored, committedAt: now });
              }
              return true;
            }),
            Effect.catchCause(() =>
              Effect.sync(() => {
                options.onFlush?.("failed", total);
                for (const [id, w] of started) {
                  onRefused(id);
                  forget(id, w);
                }
                return false;
              }),
            ),
            Effect.ensuring(Effect.forEach(started, ([, w]) => Deferred.succeed(w.settled, undefined), { discard: true })),
          );
        });
      const keepLocally = (id: string, views: number) => Effect.sync(() => void local.set(id, (local.get(id) ?? 0) + views));

      /**
       * The views of `id` held by this process and not in `stored` (the count a reader read from the store) nor in its
       * read of Redis (made after the first `takesSeen` takes): those buffered while Redis was away, and those of
       * write-backs neither read saw. A reader who read during a write-back waits for it (briefly) to learn which
       * side of it the read fell on.
       */
      const unstored = (id: string, stored: number | undefined, queuedHere: number, takesSeen: number) =>
        Effect.gen(function* () {
          // A take begun after the read of Redis left its views in what the read saw.
          const missed = () => recent(id).filter((w) => w.take <= takesSeen);
          const mine = missed();
          if (stored !== undefined && mine.some((w) => w.storedAfter === null))
            yield* Effect.forEach(mine, (w) => Deferred.await(w.settled), { discard: true }).pipe(
              Effect.timeout(Duration.millis(WRITE_BACK_WAIT_MS)),
              Effect.ignore,
            );
          let views = (local.get(id) ?? 0) + queuedHere;
          for (const w of missed()) if (w.storedAfter === null || (stored !== undefined && stored < w.storedAfter)) views += w.views;
          return views;
        });
      const heldNow = (id: string) =>
        (local.get(id) ?? 0) + (queuedOf.get(id) ?? 0) + recent(id).reduce((n, w) => n + (w.storedAfter === null ? w.views : 0), 0);

      const startMoving = (id: string) => void takingOf.set(id, (takingOf.get(id) ?? 0) + 1);
      const doneMoving = (id: string) => Effect.sync(() => decrease(takingOf, id, 1));
      /**
       * Takes the buffered views of `ids` from Redis (GETDEL: no two flushers take the same) and writes them back together.
       * Each take is known to readers before its GETDEL goes out, so a read around it is read again (settledRead).
       */
      const flushIds = (ids: readonly string[]) =>
        Effect.gen(function* () {
          const started = ids.map((id) => {
            startMoving(id);
            return begin(id, 0, ++takes);
          });
          yield* Effect.forEach(
            started,
            ([id, w]) =>
              kv.getDel(viewsKey(id)).pipe(
                Effect.catch(() => Effect.succeed(null)),
                Effect.flatMap((t) =>
                  Effect.sync(() => {
                    w.views = t === null ? 0 : Number.parseInt(t, 10);
                    if (w.views > 0) return;
                    forget(id, w);
                    Deferred.doneUnsafe(w.settled, Effect.void);
                  }),
                ),
                Effect.ensuring(doneMoving(id)),
              ),
            { concurrency: "unbounded", discard: true },
          );
          const taken = started.filter(([, w]) => w.views > 0);
          // PostgreSQL refused: the views go back where they came from, for the next round (moving again till then).
          const refused = (id: string) => {
            refusals++;
            startMoving(id);
          };
          if (yield* write(taken, refused)) return;
          yield* Effect.forEach(
            taken,
            ([id, w]) =>
              Effect.all([kv.sAdd(DIRTY_VIEWS, [id]), kv.incrBy(viewsKey(id), w.views)]).pipe(
                Effect.catch(() => keepLocally(id, w.views)),
                Effect.ensuring(doneMoving(id)),
              ),
            { discard: true },
          );
          // Once begun it runs to the end (bounded by the Redis and PostgreSQL budgets): an interrupted take would leave its
          // views counted nowhere, or readers waiting on it.
        }).pipe(Effect.uninterruptible);

      /**
       * Counts a batch's first views, by question: marked dirty first (one SADD), so a count in Redis is always found
       * by a flusher; what Redis did not take is kept here. No longer queued either way.
       */
      const countFirsts = (perQuestion: ReadonlyMap<string, number>) =>
        Effect.gen(function* () {
          for (const [id, views] of perQuestion) inFlightOf.set(id, (inFlightOf.get(id) ?? 0) + views);
          const marked = yield* kv.sAdd(DIRTY_VIEWS, [...perQuestion.keys()]).pipe(
            Effect.as(true),
            Effect.catch(() => Effect.succeed(false)),
          );
          yield* Effect.forEach(
            perQuestion,
            ([id, views]) =>
              (marked
                ? kv.incrBy(viewsKey(id), views).pipe(
                    // The tenth view writes the batch back.
                    Effect.tap((pending) => (pending >= options.batch ? Effect.forkDetach(flushIds([id])) : Effect.void)),
                    Effect.catch(() => keepLocally(id, views)),
                  )
                : keepLocally(id, views)
              ).pipe(
                Effect.ensuring(
                  Effect.sync(() => {
                    decrease(inFlightOf, id, views);
                    unqueue(id, views);
                  }),
                ),
              ),
            { concurrency: "unbounded", discard: true },
          );
        });
      const unqueue = (id: string, views: number) => {
        processed += views;
        decrease(queuedOf, id, views);
      };
      /** Counts a batch of noted views: repeats another instance saw drop out (SET NX), the rest add up per question. */
      const countBatch = (batch: readonly Noted[]) =>
        Effect.gen(function* () {
          const firsts = yield* Effect.forEach(
            batch,
            (v) =>
              v.key === null
                ? Effect.succeed(true)
                : kv
                    .set(seenKey(v.id, v.key), "1", { ttlSeconds: options.repeatWindowSeconds, onlyIfAbsent: true })
                    // Redis unreachable: counted (as `record` does), kept here by countFirsts.
                    .pipe(Effect.catch(() => Effect.succeed(true))),
            { concurrency: "unbounded" },
          );
          const perQuestion = new Map<string, number>();
          batch.forEach((v, i) => {
            if (firsts[i]) perQuestion.set(v.id, (perQuestion.get(v.id) ?? 0) + 1);
            else unqueue(v.id, 1);
          });
          if (perQuestion.size > 0) yield* countFirsts(perQuestion);
        });
      const processedUpTo = (upTo: number): Effect.Effect<void> =>
        Effect.suspend(() => (processed >= upTo ? Effect.void : Effect.andThen(Effect.sleep(Duration.millis(2)), processedUpTo(upTo))));
      /**
       * Counts what is queued, then waits (briefly) for the batch the counting fiber may have in hand: once as many
       * views were taken off the queue as had been noted when this began, every one of those was.
       */
      const countQueued = Effect.suspend(() => {
        const upTo = noted;
        return Effect.flatMap(Queue.clear(queued), (batch) => (batch.length > 0 ? countBatch(batch) : Effect.void)).pipe(
          Effect.andThen(processedUpTo(upTo).pipe(Effect.timeout(Duration.millis(WRITE_BACK_WAIT_MS)), Effect.ignore)),
        );
      });

      const flushLocal = Effect.gen(function* () {
        const entries = new Map(local);
        local.clear();
        if (!(yield* write([...entries].map(([id, views]) => begin(id, views, 0)))))
          for (const [id, views] of entries) yield* keepLocally(id, views);
      });

      const flushAll = Effect.gen(function* () {
        yield* countQueued;
        yield* flushLocal;
        // Committed write-backs no reader asked about since are forgotten here.
        for (const id of [...writeBacks.keys()]) recent(id);
        for (;;) {
          const ids = yield* kv.sPop(DIRTY_VIEWS, 100).pipe(Effect.catch(() => Effect.succeed([] as ReadonlyArray<string>)));
          if (ids.length === 0) return;
          yield* flushIds(ids);
        }
      });

      yield* flushAll.pipe(Effect.repeat(Schedule.spaced(Duration.millis(options.intervalMs))), Effect.forkScoped);
      // Graceful shutdown writes back everything queued and buffered (the runtime's finalizers run before the pools
      // close). Added before the counting fiber starts, so it runs after that fiber has stopped (finalizers run in reverse).
      yield* Effect.addFinalizer(() => flushAll);
      // Waits for queued views and counts all of them at once; a batch in hand is finished before the fiber stops.
      yield* Effect.uninterruptibleMask((restore) => Effect.flatMap(restore(Queue.takeAll(queued)), countBatch)).pipe(
        Effect.forever,
        Effect.forkScoped,
      );

      const bufferedInRedis = (id: QuestionId) =>
        kv.get(viewsKey(id)).pipe(
          Effect.map((v) => (v === null ? 0 : Number.parseInt(v, 10))),
          Effect.catch(() => Effect.succeed(0)),
        );
      /**
       * A read of `id`'s count in Redis: whether no command moving its views in or out was out while it was, and how many
       * takes had begun when it answered (the later ones' views are in what it read).
       */
      interface CountRead {
        readonly pending: number;
        readonly clear: boolean;
        readonly takesSeen: number;
        readonly refusalsSeen: number;
      }
      const readCount = <E>(id: QuestionId, read: Effect.Effect<number, E>): Effect.Effect<CountRead, E> =>
        Effect.suspend(() => {
          const clearBefore = !moving(id);
          return Effect.map(read, (pending) => ({ pending, clear: clearBefore && !moving(id), takesSeen: takes, refusalsSeen: refusals }));
        });
      /**
       * Redis's buffered count as `first` read it, plus what this process holds that it cannot include (unstored). A read
       * made while some of this question's views were moving in or out of Redis (a queued batch's INCRBY, a flusher's
       * GETDEL) may or may not include them: it is read again once they have moved (a round trip; at most
       * WRITE_BACK_WAIT_MS), so a view is never shown twice or missed.
       */
      const settledRead = <E>(id: QuestionId, first: Effect.Effect<CountRead, E>, stored: number | undefined) =>
        Effect.gen(function* () {
          const deadline = Date.now() + WRITE_BACK_WAIT_MS;
          let read = yield* first;
          for (;;) {
            while (!read.clear && Date.now() < deadline) {
              yield* Effect.sleep(Duration.millis(1));
              read = yield* readCount(id, bufferedInRedis(id));
            }
            const queuedHere = notSent(id);
            const held = yield* unstored(id, stored, queuedHere, read.takesSeen);
            // A write-back refused since the read no longer counts here, and its views were not in Redis when read: read again.
            if (refusals === read.refusalsSeen || Date.now() >= deadline) return read.pending + held;
            read = yield* readCount(id, bufferedInRedis(id));
          }
        });

      /** Counts one view; the buffered views in Redis, this one included. */
      const count = (id: QuestionId) =>
        Effect.gen(function* () {
          // Both at once (one round trip's wait): the flusher finds the question by the set, the count by the key.
          const [read] = yield* Effect.all([readCount(id, kv.incrBy(viewsKey(id), 1)), kv.sAdd(DIRTY_VIEWS, [id])], { concurrency: 2 });
          // The tenth view writes the batch back, after the reply (the reader does not wait for PostgreSQL).
          if (read.pending >= options.batch) yield* Effect.forkDetach(flushIds([id]));
          return read;
        });

      /** The author's own view, or a repeat this process saw: nothing to count, nothing to ask. */
      const knownUncounted = (id: QuestionId, viewer: Viewer, authorId: UserId) =>
        viewer.userId === authorId || (viewer.key !== null && seenHere.has(`${id}|${viewer.key}`));
      /** The view counted (unless the author's or a repeat); `readBack` gives the count a reader should show. */
      const take = <A>(id: QuestionId, viewer: Viewer, authorId: UserId, readBack: (counted: CountRead | null) => Effect.Effect<A>) =>
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
            settledRead(id, counted === null ? readCount(id, bufferedInRedis(id)) : Effect.succeed(counted), stored),
          ).pipe(
            // Redis unreachable: this process keeps the view and the timer writes it back.
            Effect.catch(() => keepLocally(id, 1).pipe(Effect.andThen(Effect.sync(() => heldNow(id))))),
          ),
        note: (id, viewer, authorId) => {
          if (knownUncounted(id, viewer, authorId)) return;
          if (viewer.key !== null) seenHere.set(`${id}|${viewer.key}`, true);
          queuedOf.set(id, (queuedOf.get(id) ?? 0) + 1);
          noted++;
          Queue.offerUnsafe(queued, { id, key: viewer.key });
        },
        flush: flushAll,
      };
    }),
  );
