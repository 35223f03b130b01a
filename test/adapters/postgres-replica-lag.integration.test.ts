import { Effect, Layer, ManagedRuntime } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { PgDatabase } from "../../src/adapters/postgres/PgDatabase.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { inMemoryMedia } from "../../src/app/layers/index.js";
import { register } from "../../src/application/account/register.js";
import { awardPoints } from "../../src/application/ledger/awardPoints.js";
import { pointsBalance } from "../../src/application/ledger/pointsBalance.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { BackgroundWork } from "../../src/application/ports/ReadConsistency.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { award } from "../../src/domain/ledger/ledger.js";
import { pgPersistenceWithDatabase } from "../support/postgres.js";
import { type PrimaryWithReplica, startPrimaryWithReplica } from "../support/replica.js";
import { TestPasswordHasher } from "../support/testLayer.js";

const appOn = (cluster: PrimaryWithReplica, health: { readonly replicaMaxLagMs: number; readonly replicaCheckMs: number }) =>
  ManagedRuntime.make(
    Layer.mergeAll(
      pgPersistenceWithDatabase({ url: cluster.primaryUrl, replicaUrls: [cluster.replicaUrl], ...health }),
      SystemClock,
      RandomIds,
      TestPasswordHasher,
      inMemoryMedia(),
    ),
  );

const healthyReplicas = Effect.gen(function* () {
  return (yield* PgDatabase).reads.healthy().length;
});

const eventually = async (check: () => Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

const ask = (authorId: string, n: number) =>
  askQuestion({
    authorId: authorId as never,
    title: `성산 일출봉 새벽 등반 질문 ${n}번`,
    content: "일출 보려면 몇 시에 매표소에 도착해야 하나요? 주차는 어디가 좋은지도 궁금합니다.",
    regionCode: "KR-49-02-03",
  });

describe("replica lag and a hanging replica (real streaming replicas)", () => {
  let cluster: PrimaryWithReplica | undefined;
  let app: ReturnType<typeof appOn> | undefined;
  afterEach(async () => {
    cluster?.thawReplica();
    await app?.dispose();
    await cluster?.drop();
    cluster = undefined;
    app = undefined;
  });

  it("a replica that never catches up (recovery_min_apply_delay) is taken out; balances and workers read the primary", async () => {
    cluster = await startPrimaryWithReplica({ applyDelay: "1h" });
    // First with the lag check out of the way: what must be current still is.
    const noCheck = appOn(cluster, { replicaMaxLagMs: 3_600_000_000, replicaCheckMs: 3_600_000 });
    try {
      const user = (await noCheck.runPromise(register({ email: "lag@example.kr", password: "비밀번호12345", nickname: "성산주민" }))).user;
      const q = await noCheck.runPromise(ask(user.id, 1));
      await noCheck.runPromise(
        UnitOfWork.use((u) => u.transact(awardPoints(award(user.id, "earn_accepted_answer", { type: "answer", id: "a1" })))),
      );
      // The replica has replayed none of it; the balance (and the ledger) come from the primary.
      expect((await noCheck.runPromise(pointsBalance(user.id))).balance).toBe(20 + 150);
      expect((await noCheck.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(0);
      // A worker reads the primary, so it never indexes a stale version.
      const seenByWorker = await noCheck.runPromise(
        Effect.provideService(
          QuestionRepository.use((r) => r.findByIds([q.id])),
          BackgroundWork,
          true,
        ),
      );
      expect(seenByWorker.map((x) => x.id)).toEqual([q.id]);
    } finally {
      await noCheck.dispose();
    }

    app = appOn(cluster, { replicaMaxLagMs: 1_000, replicaCheckMs: 200 });
    expect(await eventually(async () => (await app!.runPromise(healthyReplicas)) === 0)).toBe(true);
    expect((await app.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(1);
  }, 120_000);

  it("a replica that hangs (SIGSTOP) is out within one check interval, reads answer from the primary, and it returns when it answers again", async () => {
    cluster = await startPrimaryWithReplica();
    app = appOn(cluster, { replicaMaxLagMs: 5_000, replicaCheckMs: 300 });
    const user = (await app.runPromise(register({ email: "hang@example.kr", password: "비밀번호12345", nickname: "표선주민" }))).user;
    await app.runPromise(ask(user.id, 1));
    expect(await eventually(async () => (await app!.runPromise(listQuestions({ limit: 10 }))).items.length === 1)).toBe(true);
    expect(await app.runPromise(healthyReplicas)).toBe(1);

    cluster.freezeReplica();
    expect(await eventually(async () => (await app!.runPromise(healthyReplicas)) === 0, 3_000)).toBe(true);
    await app.runPromise(ask(user.id, 2));
    expect((await app.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(2);

    cluster.thawReplica();
    expect(await eventually(async () => (await app!.runPromise(healthyReplicas)) === 1)).toBe(true);
  }, 120_000);
});
