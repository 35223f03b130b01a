import { Deferred, Effect, Layer, ManagedRuntime } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { makeBatchedViewCounter } from "../../src/adapters/redis/BatchedViewCounter.js";
import { InProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { ViewCounter } from "../../src/application/ports/ViewCounter.js";
import { QuestionId, UserId } from "../../src/domain/shared/ids.js";

const id = QuestionId("q-1");
const author = UserId("author");

/**
 * A store whose write-back commits at once but answers only when the test says so: the window in which a
 * reader can read the stored count after the commit while the counter still holds the views it took.
 */
const slowlyAnsweringStore = () => {
  let stored = 0;
  const answer = Deferred.makeUnsafe<void>();
  const layer = Layer.succeed(QuestionRepository, {
    addViews: (views: ReadonlyMap<QuestionId, number>) =>
      Effect.gen(function* () {
        stored += views.get(id) ?? 0;
        const after = stored;
        yield* Deferred.await(answer);
        return new Map([[id, after]]);
      }),
  } as unknown as QuestionRepository["Service"]);
  return { layer, stored: () => stored, answer: () => Deferred.doneUnsafe(answer, Effect.void) };
};

describe("BatchedViewCounter around a write-back", () => {
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  const start = () => {
    const store = slowlyAnsweringStore();
    const runtime = ManagedRuntime.make(
      makeBatchedViewCounter({ batch: 10, intervalMs: 60_000, repeatWindowSeconds: 60 }).pipe(
        Layer.provide(Layer.merge(store.layer, InProcessKeyValue)),
      ),
    );
    dispose = () => runtime.dispose();
    const record = (viewer: string | null, seen: number) =>
      runtime.runPromise(ViewCounter.use((v) => v.record(id, { userId: null, key: viewer }, author, seen)));
    return { store, record };
  };
  const until = async (f: () => boolean) => {
    for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it("a reader whose read saw the committed write-back is not shown its views again, even before the store answers", async () => {
    const { store, record } = start();
    for (let i = 1; i <= 10; i++) await record(`v${i}`, 0);
    await until(() => store.stored() === 10);
    // Read after the commit (10 stored), counted while the write-back still waits for its answer.
    const shown = record("after-commit", store.stored());
    setTimeout(store.answer, 20);
    expect(10 + (await shown)).toBe(11);
  });

  it("a reader whose read came before the write-back committed still sees its views once", async () => {
    const { store, record } = start();
    for (let i = 1; i <= 10; i++) await record(`v${i}`, 0);
    await until(() => store.stored() === 10);
    store.answer();
    await new Promise((r) => setTimeout(r, 10));
    // Read 0 before the commit; counted after it: the ten taken from the buffer are not in what it read.
    expect(0 + (await record("before-commit", 0))).toBe(11);
    // And a reader that saw the commit: only its own view on top.
    expect(10 + (await record("later", 10))).toBe(12);
  });
});

describe("BatchedViewCounter on shutdown", () => {
  it("writes back every view noted right before the runtime stops, none twice", async () => {
    let stored = 0;
    const store = Layer.succeed(QuestionRepository, {
      addViews: (views: ReadonlyMap<QuestionId, number>) =>
        Effect.sync(() => {
          stored += views.get(id) ?? 0;
          return new Map([[id, stored]]);
        }),
    } as unknown as QuestionRepository["Service"]);
    const runtime = ManagedRuntime.make(
      makeBatchedViewCounter({ batch: 10, intervalMs: 60_000, repeatWindowSeconds: 60 }).pipe(
        Layer.provide(Layer.merge(store, InProcessKeyValue)),
      ),
    );
    // Noted in one synchronous burst and disposed at once: the queue has not been counted yet.
    await runtime.runPromise(
      ViewCounter.use((v) =>
        Effect.sync(() => {
          for (let i = 0; i < 37; i++) v.note(id, { userId: null, key: `shutdown-${i}` }, author);
        }),
      ),
    );
    await runtime.dispose();
    expect(stored).toBe(37);
  });
});

/** A counter over `store` and `kv` whose timer stays out of the way, and a reader of question `q`. */
const counterOn = (store: Layer.Layer<QuestionRepository>, kv: Layer.Layer<KeyValue>, q: QuestionId, batch = 10) => {
  const runtime = ManagedRuntime.make(
    makeBatchedViewCounter({ batch, intervalMs: 60_000, repeatWindowSeconds: 60 }).pipe(Layer.provide(Layer.merge(store, kv))),
  );
  const record = (viewer: string, seen = 0) =>
    runtime.runPromise(ViewCounter.use((v) => v.record(q, { userId: null, key: viewer }, author, seen)));
  return { runtime, record };
};

/** The in-process Redis twin with some commands replaced (applied at once, answered late). */
const answeringLate = (late: (kv: KeyValueStore) => Partial<KeyValueStore>) =>
  Layer.effect(
    KeyValue,
    Effect.map(KeyValue, (kv) => ({ ...kv, ...late(kv) })),
  ).pipe(Layer.provide(InProcessKeyValue));

describe("BatchedViewCounter while a noted view is on its way to Redis", () => {
  it("a reader shows it once: neither from Redis and the queue both, nor from neither", async () => {
    // A question of its own: the in-process Redis twin may outlive the runtimes above.
    const fresh = QuestionId("q-in-flight");
    // Redis applies the INCRBY at once but its reply takes 100 ms: the window in which a read sees the view in
    // Redis while this process still has it queued.
    const slowReplies = answeringLate((kv) => ({
      incrBy: (key: string, by: number) => Effect.tap(kv.incrBy(key, by), () => Effect.sleep("100 millis")),
    }));
    const store = Layer.succeed(QuestionRepository, {
      addViews: (views: ReadonlyMap<QuestionId, number>) => Effect.succeed(new Map([[fresh, views.get(fresh) ?? 0]])),
    } as unknown as QuestionRepository["Service"]);
    const { runtime, record } = counterOn(store, slowReplies, fresh, 1_000);
    try {
      // Built, and its first timer flush (at start, of nothing) done: no write-back runs during the test.
      await runtime.runPromise(ViewCounter.use(() => Effect.sleep("20 millis")));
      expect(await record("reader")).toBe(1);
      await runtime.runPromise(ViewCounter.use((v) => Effect.sync(() => v.note(fresh, { userId: null, key: "noted" }, author))));
      await new Promise((r) => setTimeout(r, 20));
      // The reader's repeat reads Redis (the noted view already in it) while the INCRBY's reply is still out.
      expect(await record("reader")).toBe(2);
      expect(await record("reader")).toBe(2);
    } finally {
      await runtime.dispose();
    }
  });
});

describe("BatchedViewCounter while a flusher's GETDEL is out", () => {
  it("a reader counts the views it took once: not in Redis any more, not in the store yet", async () => {
    const fresh = QuestionId("q-taking");
    let stored = 0;
    // Redis applies the GETDEL at once but its reply takes 100 ms: the window in which the views are in neither place
    // a reader reads.
    const slowTakes = answeringLate((kv) => ({
      getDel: (key: string) => Effect.tap(kv.getDel(key), () => Effect.sleep("100 millis")),
    }));
    const store = Layer.succeed(QuestionRepository, {
      addViews: (views: ReadonlyMap<QuestionId, number>) =>
        Effect.sync(() => {
          stored += views.get(fresh) ?? 0;
          return new Map([[fresh, stored]]);
        }),
    } as unknown as QuestionRepository["Service"]);
    const { runtime, record } = counterOn(store, slowTakes, fresh);
    try {
      await runtime.runPromise(ViewCounter.use(() => Effect.sleep("20 millis")));
      // The tenth view starts the write-back: its GETDEL has emptied Redis, its reply is still out.
      for (let i = 1; i <= 10; i++) await record(`v${i}`, 0);
      await new Promise((r) => setTimeout(r, 20));
      expect(stored).toBe(0);
      expect(0 + (await record("during-take", 0))).toBe(11);
      // Once written back, a reader of the store sees them there and only its own view on top.
      expect(stored).toBe(10);
      expect(10 + (await record("after", 10))).toBe(12);
    } finally {
      await runtime.dispose();
    }
  });
});

describe("BatchedViewCounter when PostgreSQL refuses a write-back a reader waits for", () => {
  it("the reader reads again and counts the views on their way back to Redis", async () => {
    const fresh = QuestionId("q-refused");
    // The first write-back is refused after 50 ms; later ones are taken.
    let calls = 0;
    const store = Layer.succeed(QuestionRepository, {
      addViews: (views: ReadonlyMap<QuestionId, number>) =>
        ++calls === 1
          ? Effect.andThen(Effect.sleep("50 millis"), Effect.fail(new Error("statement timeout")))
          : Effect.succeed(new Map([[fresh, views.get(fresh) ?? 0]])),
    } as unknown as QuestionRepository["Service"]);
    const { runtime, record } = counterOn(store, InProcessKeyValue, fresh);
    try {
      await runtime.runPromise(ViewCounter.use(() => Effect.sleep("20 millis")));
      // The tenth view takes the ten from Redis; the reader's read comes while PostgreSQL is deciding.
      for (let i = 1; i <= 10; i++) await record(`v${i}`);
      await new Promise((r) => setTimeout(r, 10));
      expect(calls).toBe(1);
      expect(await record("while-refused")).toBe(11);
    } finally {
      await runtime.dispose();
    }
  });
});
