import { Effect, Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeInMemorySearchDocuments } from "../../src/adapters/in-memory/InMemorySearchDocuments.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { type AppRuntime, inMemoryMedia, inMemoryWebhooks, noEngineAdmin, privacyPolicyLayer } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { createCallerFactory } from "../../src/app/trpc/trpc.js";
import { ReadFromPrimary } from "../../src/application/ports/ReadConsistency.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { pgPersistence } from "../support/postgres.js";
import { type PrimaryWithReplica, startPrimaryWithReplica } from "../support/replica.js";
import { TestPasswordHasher } from "../support/testLayer.js";

const question = (n: number) => ({
  title: `표선 해비치 해변 산책로 질문 ${n}번`,
  content: "표선 해변 산책로가 밤에도 걷기 괜찮은지, 가로등이 있는지 궁금합니다.",
  regionCode: "KR-49-02-03",
});

describe("read replicas (a real streaming replica)", () => {
  let cluster: PrimaryWithReplica;
  let runtime: AppRuntime;
  beforeAll(async () => {
    cluster = await startPrimaryWithReplica();
    runtime = ManagedRuntime.make(
      Layer.mergeAll(
        pgPersistence({
          url: cluster.primaryUrl,
          replicaUrls: [cluster.replicaUrl],
          replicaMaxLagMs: 3_600_000,
          replicaCheckMs: 60_000,
        }),
        noEngineAdmin,
        privacyPolicyLayer(),
        inMemoryWebhooks(),
        SystemClock,
        RandomIds,
        TestPasswordHasher,
        makeInMemorySearchDocuments().layer,
        inMemoryMedia(),
      ),
    );
  }, 120_000);
  afterAll(async () => {
    await runtime?.dispose();
    await cluster?.drop();
  });

  it("spreads reads to the replica, gives a writer its own writes from the primary, and falls back when the replica fails", async () => {
    const readYourWrites = makeReadYourWrites(60_000);
    const logger = makeLogger("silent");
    const caller = async (token: string | null) =>
      createCallerFactory(appRouter)(await createInnerContext({ runtime, logger, token, readYourWrites }));
    const anon = await caller(null);
    const reg = await anon.auth.register({ email: "replica@example.kr", password: "비밀번호12345", nickname: "표선주민" });
    const writer = await caller(reg.token);
    await writer.question.ask(question(1));
    // Let the replica catch up, then freeze it: what it serves from now on is visibly stale.
    for (let i = 0; i < 50 && (await cluster.replica("SELECT count(*)::int AS n FROM questions")).rows[0]?.n !== 1; i++)
      await new Promise((r) => setTimeout(r, 100));
    await cluster.replica("SELECT pg_wal_replay_pause()");
    await writer.question.ask(question(2));

    expect((await runtime.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(1);
    expect((await anon.question.list({ limit: 10 })).items).toHaveLength(1);
    // The writer reads its own writes: straight after writing, its reads go to the primary.
    expect((await writer.question.list({ limit: 10 })).items).toHaveLength(2);
    expect((await runtime.runPromise(Effect.provideService(listQuestions({ limit: 10 }), ReadFromPrimary, true))).items).toHaveLength(2);

    await cluster.replica("SELECT pg_wal_replay_resume()");
    await cluster.stopReplica();
    // The replica is gone: reads fall back to the primary instead of failing. (Through the use case: an
    // anonymous first page through the API may come from the public cache, which the outbox consumer —
    // not running in this test — would have dropped after the second ask.)
    expect((await runtime.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(2);
    expect((await runtime.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(2);
  }, 60_000);
});
