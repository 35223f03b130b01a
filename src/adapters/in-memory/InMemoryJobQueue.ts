import { Cause, Duration, Effect, Clock as EffectClock, Exit, Fiber, Layer } from "effect";
import { type JobHandler, JobQueue, JobRunner } from "../../application/ports/JobQueue.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";

interface JobRow {
  readonly id: number;
  readonly type: string;
  readonly payload: unknown;
  readonly runAt: Date;
  readonly key: string | null;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly locked: boolean;
}

/** Registered here, so a unit of work that fails takes its jobs back with it. */
const JOBS = mapTable<number, JobRow>();
let nextId = 0;
const DEFAULT_ATTEMPTS = 5;
/** graphile-worker's backoff: e^min(attempts, 10) seconds. */
export const retryDelayMs = (attempts: number) => Math.round(Math.exp(Math.min(attempts, 10)) * 1000);

/** Effect's clock (TestClock in tests that move time); the store's twins take no application clock. */
const clock = { now: EffectClock.clockWith((c) => c.currentTimeMillis).pipe(Effect.map((ms) => new Date(ms))) };

/** The twin of the PostgreSQL queue: the same rules, on the store's tables. */
export const InMemoryJobQueue = Layer.effect(
  JobQueue,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const jobs = () => store.get(JOBS);
    const isFailed = (j: JobRow) => j.attempts >= j.maxAttempts;
    return {
      enqueue: (job) =>
        Effect.gen(function* () {
          const now = yield* clock.now;
          const waiting = job.key ? [...jobs().values()].find((j) => j.key === job.key && !j.locked) : undefined;
          const id = waiting?.id ?? ++nextId;
          jobs().set(id, {
            id,
            type: job.type,
            payload: job.payload ?? {},
            runAt: job.runAt ?? now,
            key: job.key ?? null,
            attempts: 0,
            maxAttempts: job.maxAttempts ?? DEFAULT_ATTEMPTS,
            lastError: null,
            locked: false,
          });
        }),
      failed: (limit) =>
        Effect.sync(() =>
          [...jobs().values()]
            .filter((j) => isFailed(j) && !j.locked)
            .slice(0, limit)
            .map((j) => ({ id: String(j.id), type: j.type, payload: j.payload, attempts: j.attempts, lastError: j.lastError })),
        ),
      retry: (ids) =>
        Effect.gen(function* () {
          const now = yield* clock.now;
          let n = 0;
          for (const id of ids) {
            const j = jobs().get(Number(id));
            if (!j || !isFailed(j) || j.locked) continue;
            jobs().set(j.id, { ...j, attempts: 0, runAt: now });
            n++;
          }
          return n;
        }),
      counts: Effect.sync(() => {
        const by = new Map<string, { waiting: number; failed: number }>();
        for (const j of jobs().values()) {
          const c = by.get(j.type) ?? { waiting: 0, failed: 0 };
          if (isFailed(j)) c.failed++;
          else c.waiting++;
          by.set(j.type, c);
        }
        return [...by].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, c]) => ({ type, ...c }));
      }),
    };
  }),
);

/** Polls the twin's jobs every `pollMs`; due-ness, backoff and schedules follow Effect's clock. */
export const makeInMemoryJobRunner = (pollMs = 50) =>
  Layer.effect(
    JobRunner,
    Effect.gen(function* () {
      const store = yield* InMemoryStore;
      const queue = yield* JobQueue;
      const jobs = () => store.get(JOBS);
      return {
        start: (handlers, events) =>
          Effect.gen(function* () {
            const running = new Map<string, number>();
            const fired = new Map<string, number>();
            const runOne = (j: JobRow, handler: JobHandler) =>
              handler.run(j.payload).pipe(
                Effect.exit,
                Effect.flatMap((exit) =>
                  Effect.gen(function* () {
                    const now = yield* clock.now;
                    running.set(j.type, (running.get(j.type) ?? 1) - 1);
                    if (Exit.isSuccess(exit)) {
                      jobs().delete(j.id);
                      events?.onOutcome?.(j.type, "success");
                      return;
                    }
                    const attempts = j.attempts + 1;
                    const lastError = Cause.pretty(exit.cause).split("\n")[0] ?? "failed";
                    jobs().set(j.id, { ...j, attempts, lastError, locked: false, runAt: new Date(now.getTime() + retryDelayMs(attempts)) });
                    events?.onOutcome?.(j.type, "failure");
                  }),
                ),
              );
            const tick = Effect.gen(function* () {
              const now = yield* clock.now;
              for (const [type, handler] of Object.entries(handlers)) {
                const daily = handler.dailyAtUtc;
                if (!handler.everyMinutes && !daily) continue;
                // A daily item's slot is the day counted from its time of day, so it changes at that time.
                const slot = daily
                  ? Math.floor((now.getTime() - (daily.hour * 60 + daily.minute) * 60_000) / 86_400_000)
                  : Math.floor(now.getTime() / ((handler.everyMinutes ?? 60) * 60_000));
                if (fired.get(type) !== slot) {
                  if (fired.has(type)) yield* queue.enqueue({ type, key: `schedule:${type}` });
                  fired.set(type, slot);
                }
              }
              const due = [...jobs().values()]
                .filter((j) => !j.locked && j.attempts < j.maxAttempts && j.runAt.getTime() <= now.getTime())
                .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
              for (const j of due) {
                const handler = handlers[j.type];
                if (!handler || (running.get(j.type) ?? 0) >= handler.concurrency) continue;
                running.set(j.type, (running.get(j.type) ?? 0) + 1);
                jobs().set(j.id, { ...j, locked: true });
                yield* Effect.forkDetach(runOne(j, handler));
              }
            });
            const loop = yield* Effect.forkDetach(tick.pipe(Effect.andThen(Effect.sleep(Duration.millis(pollMs))), Effect.forever));
            yield* Effect.addFinalizer(() => Fiber.interrupt(loop));
          }),
      };
    }),
  );
