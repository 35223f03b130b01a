import { Context, Effect, Exit, Fiber, Layer } from "effect";
import { TestClock } from "effect/testing";
import { describe, expect, it } from "vitest";
import type { BreakerState } from "../../src/adapters/search-engine/CircuitBreaker.js";
import { type DegradeReason, type GuardReporter, withFallbackTo } from "../../src/adapters/search-engine/FallbackSearchIndex.js";
import { SearchIndex, type SearchPage, type SearchRequest } from "../../src/application/ports/SearchIndex.js";
import { parseQuery } from "../../src/domain/search/query.js";

const request: SearchRequest = { query: parseQuery("애월"), filters: {}, sort: "relevance", offset: 0, limit: 5, allowTypos: false };
const page = (title: string): SearchPage => ({
  hits: [],
  total: title.length,
  facets: { categories: [{ key: title, count: 1 }], regions: [], hashtags: [] },
});

type Behaviour = "answer" | "hang" | "fail";

/** An engine whose behaviour the test sets, counting every call that reaches it and the region each suggest asked for. */
const fakeEngine = () => {
  const state = { behaviour: "answer" as Behaviour, calls: 0, regions: [] as (string | undefined)[] };
  const act = <A>(answer: A): Effect.Effect<A> =>
    Effect.suspend(() => {
      state.calls++;
      if (state.behaviour === "hang") return Effect.never;
      if (state.behaviour === "fail") return Effect.die(new Error("connection refused"));
      return Effect.succeed(answer);
    });
  const layer = Layer.succeed(SearchIndex, {
    search: () => act(page("engine")),
    suggest: (_p, _n, regionCode) => {
      state.regions.push(regionCode);
      return act({ titles: ["from the engine"] });
    },
    categoryCountsSince: () => act({ counts: [{ key: "food", count: 9 }] }),
    similar: () => act({ questions: [] }),
  });
  return { state, layer };
};

/** PostgreSQL's stand-in, remembering the region each suggest asked for. */
const fakePostgres = () => {
  const regions: (string | undefined)[] = [];
  const layer = Layer.succeed(SearchIndex, {
    search: () => Effect.succeed(page("postgres")),
    suggest: (_p, _n, regionCode) =>
      Effect.sync(() => {
        regions.push(regionCode);
        return { titles: ["from postgres"] };
      }),
    categoryCountsSince: () => Effect.succeed({ counts: [{ key: "cafe", count: 1 }] }),
    similar: () => Effect.succeed({ questions: [] }),
  });
  return { regions, layer };
};

const recorder = () => {
  const degraded: { operation: string; reason: DegradeReason }[] = [];
  const breaker: BreakerState[] = [];
  const report: GuardReporter = {
    degraded: (operation, reason) => Effect.sync(() => void degraded.push({ operation, reason })),
    breaker: (to) => Effect.sync(() => void breaker.push(to)),
  };
  return { degraded, breaker, report };
};

/** Runs `body` with the guarded index built from the fakes, under a clock the test moves. */
const withGuarded = <A>(
  options: Parameters<typeof withFallbackTo>[2],
  body: (
    index: SearchIndex["Service"],
    fakes: { engine: ReturnType<typeof fakeEngine>; postgres: ReturnType<typeof fakePostgres>; events: ReturnType<typeof recorder> },
  ) => Effect.Effect<A>,
) => {
  const engine = fakeEngine();
  const postgres = fakePostgres();
  const events = recorder();
  const program = Effect.gen(function* () {
    const context = yield* Layer.build(withFallbackTo(engine.layer, events.report, options).pipe(Layer.provide(postgres.layer)));
    return yield* body(Context.get(context, SearchIndex), { engine, postgres, events });
  });
  return Effect.runPromise(program.pipe(Effect.scoped, Effect.provide(TestClock.layer())));
};

describe("the engine behind a time budget, a circuit breaker and the PostgreSQL fallback", () => {
  it("answers from the engine while it is healthy, not degraded", async () => {
    await withGuarded({}, (index, { events }) =>
      Effect.gen(function* () {
        expect(yield* index.search(request)).toEqual(page("engine"));
        expect(yield* index.suggest("애월", 5)).toEqual({ titles: ["from the engine"] });
        expect(yield* index.categoryCountsSince(new Date())).toEqual({ counts: [{ key: "food", count: 9 }] });
        expect(events.degraded).toEqual([]);
      }),
    );
  });

  it("by default waits at most 1 s for a hanging engine, then PostgreSQL answers, marked degraded", async () => {
    await withGuarded({}, (index, { engine, events }) =>
      Effect.gen(function* () {
        engine.state.behaviour = "hang";
        const fiber = yield* Effect.forkChild(index.search(request));
        yield* TestClock.adjust("999 millis");
        expect(fiber.pollUnsafe()).toBeUndefined();
        yield* TestClock.adjust("1 millis");
        const exit = yield* Fiber.await(fiber);
        expect(exit).toEqual(Exit.succeed({ ...page("postgres"), degraded: true }));
        expect(events.degraded).toEqual([{ operation: "search", reason: "timeout" }]);
      }),
    );
  });

  it("passes the region of a suggestion to the engine and to PostgreSQL alike", async () => {
    await withGuarded({}, (index, { engine, postgres }) =>
      Effect.gen(function* () {
        expect(yield* index.suggest("애월", 5, "KR-49-01")).toEqual({ titles: ["from the engine"] });
        engine.state.behaviour = "fail";
        expect(yield* index.suggest("애월", 5, "KR-49-02")).toEqual({ titles: ["from postgres"], degraded: true });
        expect(engine.state.regions).toEqual(["KR-49-01", "KR-49-02"]);
        expect(postgres.regions).toEqual(["KR-49-02"]);
      }),
    );
  });

  it("opens after repeated failures: later calls skip the engine at once until a probe succeeds", async () => {
    await withGuarded({ failureThreshold: 2, coolDown: "10 seconds" }, (index, { engine, events }) =>
      Effect.gen(function* () {
        engine.state.behaviour = "fail";
        yield* index.search(request);
        yield* index.suggest("애월", 5);
        expect(events.breaker).toEqual(["open"]);
        // open: not even tried, and no waiting (the engine would hang)
        engine.state.behaviour = "hang";
        const skipped = yield* Effect.all([index.search(request), index.categoryCountsSince(new Date())]);
        expect(skipped.map((x) => x.degraded)).toEqual([true, true]);
        expect(engine.state.calls).toBe(2);
        expect(events.degraded.map((d) => d.reason)).toEqual(["failed", "failed", "circuit_open", "circuit_open"]);

        // after the cool-down, one call probes the engine again; its success closes the breaker
        yield* TestClock.adjust("10 seconds");
        engine.state.behaviour = "answer";
        expect(yield* index.search(request)).toEqual(page("engine"));
        expect(events.breaker).toEqual(["open", "half-open", "closed"]);
        expect(yield* index.suggest("애월", 5)).toEqual({ titles: ["from the engine"] });
        expect(engine.state.calls).toBe(4);
      }),
    );
  });

  it("a failed probe keeps it open for another cool-down; calls during the probe do not wait for it", async () => {
    await withGuarded({ failureThreshold: 1, coolDown: "5 seconds", budget: "1 second" }, (index, { engine, events }) =>
      Effect.gen(function* () {
        engine.state.behaviour = "fail";
        yield* index.search(request);
        yield* TestClock.adjust("5 seconds");
        engine.state.behaviour = "hang";
        const probe = yield* Effect.forkChild(index.search(request));
        yield* Effect.yieldNow;
        // the probe hangs; a call meanwhile is answered by PostgreSQL without touching the engine
        expect(yield* index.suggest("애월", 5)).toEqual({ titles: ["from postgres"], degraded: true });
        expect(engine.state.calls).toBe(2);
        yield* TestClock.adjust("1 second");
        expect((yield* Fiber.join(probe)).degraded).toBe(true);
        expect(events.breaker).toEqual(["open", "half-open", "open"]);
        // still open: 4 s later nothing reaches the engine, 5 s later a probe does
        yield* TestClock.adjust("4 seconds");
        yield* index.search(request);
        expect(engine.state.calls).toBe(2);
        engine.state.behaviour = "answer";
        yield* TestClock.adjust("1 second");
        expect((yield* index.search(request)).degraded).toBeUndefined();
        expect(engine.state.calls).toBe(3);
        expect(events.breaker.at(-1)).toBe("closed");
      }),
    );
  });

  it("a success in between resets the count of failures", async () => {
    await withGuarded({ failureThreshold: 2 }, (index, { engine, events }) =>
      Effect.gen(function* () {
        for (const behaviour of ["fail", "answer", "fail", "answer", "fail"] as const) {
          engine.state.behaviour = behaviour;
          yield* index.search(request);
        }
        expect(events.breaker).toEqual([]);
        expect(engine.state.calls).toBe(5);
      }),
    );
  });
});
