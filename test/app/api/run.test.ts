import { Effect, Layer, ManagedRuntime } from "effect";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { RandomIds } from "../../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../../src/adapters/system/SystemClock.js";
import { ERROR_TABLE, GENERIC, type KnownError } from "../../../src/app/api/errorCatalogue.js";
import { ApiFailure, type Call, run } from "../../../src/app/api/run.js";
import type { AppRuntime } from "../../../src/app/layers.js";
import { makeLogger } from "../../../src/app/logger.js";
import { makeReadYourWrites } from "../../../src/app/readYourWrites.js";
import { DependencyUnavailable } from "../../../src/application/errors.js";
import { ReadFromPrimary } from "../../../src/application/ports/ReadConsistency.js";
import { UserId } from "../../../src/domain/shared/ids.js";
import { inMemoryApp, TestPasswordHasher } from "../../support/testLayer.js";

const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
afterAll(() => runtime.dispose());

const call = (overrides: Partial<Call> = {}): Call => ({
  runtime,
  logger: makeLogger("silent"),
  userId: null,
  readYourWrites: makeReadYourWrites(60_000),
  ...overrides,
});
const readsPrimary = Effect.gen(function* () {
  return yield* ReadFromPrimary;
});
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ApiFailure);
      return e as ApiFailure;
    },
  );

describe("run: a use case on the runtime, for any transport", () => {
  it("answers the value; a write and its caller's reads right after use the primary, other callers' reads may use a replica", async () => {
    const readYourWrites = makeReadYourWrites(60_000);
    const writer = call({ userId: UserId("00000000-0000-4000-8000-000000000001"), readYourWrites });
    const other = call({ userId: UserId("00000000-0000-4000-8000-000000000002"), readYourWrites });
    expect(await run(writer, Effect.succeed(42))).toBe(42);
    expect(await run(writer, readsPrimary)).toBe(false);
    expect(await run({ ...writer, writes: true }, readsPrimary)).toBe(true);
    expect(await run(writer, readsPrimary)).toBe(true);
    expect(await run(other, readsPrimary)).toBe(false);
  });

  it("marks no write that failed, and none for an anonymous caller", async () => {
    const readYourWrites = makeReadYourWrites(60_000);
    const caller = call({ userId: UserId("00000000-0000-4000-8000-000000000003"), readYourWrites });
    await failureOf(run({ ...caller, writes: true }, Effect.fail({ _tag: "QuestionNotFound" as const })));
    expect(await run(caller, readsPrimary)).toBe(false);
    await run(call({ readYourWrites, writes: true }), Effect.void);
    expect(readYourWrites.readsFromPrimary(null)).toBe(false);
  });

  it("turns an expected failure into an ApiFailure carrying its catalogue entry", async () => {
    const failure = await failureOf(run(call(), Effect.fail({ _tag: "EmailTaken" as const })));
    expect(failure.entry).toBe(ERROR_TABLE.EmailTaken);
    expect(failure.entry).toMatchObject({ kind: "conflict", code: "EMAIL_TAKEN", field: "email" });
  });

  it("turns a dependency that is unavailable into UNAVAILABLE, logged as a warning and counted", async () => {
    const logged: { level: number; msg: string; path?: string; dependency?: string }[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const counted: string[] = [];
    const failure = await failureOf(
      run(
        call({ logger, path: "question.list", onUnavailable: (d) => counted.push(d) }),
        Effect.die(new DependencyUnavailable("database", "canceling statement due to lock timeout")),
      ),
    );
    expect(failure.entry).toBe(GENERIC.UNAVAILABLE);
    expect(logged).toEqual([
      expect.objectContaining({ level: 40, msg: "dependency unavailable", path: "question.list", dependency: "database" }),
    ]);
    expect(counted).toEqual(["database"]);
  });

  it("turns a defect, or a failure the catalogue does not know, into INTERNAL, logged once with its whole cause and no detail in the failure", async () => {
    const logged: { msg: string; path?: string; cause?: string }[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const defect = await failureOf(run(call({ logger, path: "question.get" }), Effect.die(new Error("SELECT * FROM secret_table"))));
    expect(defect.entry).toBe(GENERIC.INTERNAL);
    expect(`${defect.message} ${JSON.stringify(defect)}`).not.toContain("secret_table");
    expect(logged).toEqual([
      expect.objectContaining({
        msg: "use case failed unexpectedly",
        path: "question.get",
        cause: expect.stringContaining("secret_table"),
      }),
    ]);
    // A tag that only the prototype of a plain object has must not pass for a catalogue entry.
    for (const unknown of [{ _tag: "toString" }, { _tag: "NoSuchError" }, "a string", null]) {
      const failure = await failureOf(run(call(), Effect.fail(unknown as unknown as KnownError)));
      expect(failure.entry).toBe(GENERIC.INTERNAL);
    }
  });
});
