import { Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { inMemoryMedia, noEngineAdmin, privacyPolicyLayer } from "../../src/app/layers/index.js";
import { register } from "../../src/application/account/register.js";
import { countActivity } from "../../src/application/activity/countActivity.js";
import { rebuildActivity } from "../../src/application/activity/rebuildActivity.js";
import { ActivityCounters } from "../../src/application/ports/ActivityCounters.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { trendingKeywords } from "../../src/application/search/trendingKeywords.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { machineDatabase, pgPersistence, type TestDatabase } from "../support/postgres.js";
import { CONTRACT_GUARD, keyValueLayer, MACHINE_REDIS, runPrefix } from "../support/redis.js";
import { postingLimitsOff, TestPasswordHasher } from "../support/testLayer.js";

/** One service instance on the machine's PostgreSQL and Redis; instances with the same prefix share counters. */
const instance = (url: string, prefix: string) =>
  ManagedRuntime.make(
    Layer.mergeAll(
      pgPersistence(
        { url, poolSize: 4, activityOutbox: true },
        keyValueLayer({ _tag: "node", url: MACHINE_REDIS }, { ...CONTRACT_GUARD, keyPrefix: prefix }),
      ),
      noEngineAdmin,
      SystemClock,
      RandomIds,
      TestPasswordHasher,
      inMemoryMedia(),
      postingLimitsOff,
      privacyPolicyLayer(),
    ),
  );
type Instance = ReturnType<typeof instance>;

const tags = (t: { keywords: readonly { keyword: string; count: number; type: string }[] }) =>
  Object.fromEntries(t.keywords.filter((k) => k.type === "hashtag").map((k) => [k.keyword, k.count]));

describe("activity counters on PostgreSQL and Redis: the outbox feeds them, a rebuild fills empty ones once", () => {
  let db: TestDatabase;
  const runtimes: Instance[] = [];
  const open = (prefix: string) => {
    const rt = instance(db.url, prefix);
    runtimes.push(rt);
    return rt;
  };
  let a: Instance;
  const aPrefix = runPrefix();
  let author: UserId;
  beforeAll(async () => {
    db = await machineDatabase();
    a = open(aPrefix);
    const { user } = await a.runPromise(
      register({
        email: "activity@example.kr",
        password: "비밀번호1234",
        nickname: "애월주민",
        regionCode: "KR-49-01-02",
        consents: { terms: true, privacy: true, location: true },
      }),
    );
    author = user.id;
    const asks = [
      { hashtags: ["흑돼지", "애월"], regionCode: "KR-49-01-02" },
      { hashtags: ["흑돼지"], regionCode: "KR-49-01-02" },
      { hashtags: ["일출봉"], regionCode: "KR-49-02-05" },
    ];
    for (const [i, over] of asks.entries())
      await a.runPromise(
        askQuestion({
          authorId: author,
          title: `제주 질문 ${i + 1}번 알려주세요`,
          content: "현지인 추천이 궁금합니다. 알려주세요.",
          ...over,
        }),
      );
  }, 60_000);
  afterAll(async () => {
    for (const rt of runtimes) await rt.dispose();
    await db?.drop();
  });

  it("rebuilds from PostgreSQL's questions; the outbox's events of the same questions then count nothing twice", async () => {
    expect(await a.runPromise(rebuildActivity())).toEqual({ state: "rebuilt", counted: 3 });
    expect(await a.runPromise(countActivity(500))).toBeGreaterThanOrEqual(3);
    const t = await a.runPromise(trendingKeywords("24h"));
    expect(tags(t)).toEqual({ 흑돼지: 2, 애월: 1, 일출봉: 1 });
    expect(Object.fromEntries((t.regions ?? []).map((r) => [r.regionCode, r.questions]))).toEqual({
      "KR-49-01": 2,
      "KR-49-01-02": 2,
      "KR-49-02": 1,
      "KR-49-02-05": 1,
    });
    expect(t.degraded).toBe(false);
    // Another instance on the same Redis finds the marker.
    expect(await open(aPrefix).runPromise(rebuildActivity())).toEqual({ state: "built", counted: 0 });
  });

  it("counts a newly asked question from its event (the event's JSON carries where and when)", async () => {
    await a.runPromise(
      askQuestion({
        authorId: author,
        title: "성산 일출봉 새벽 주차 되나요",
        content: "새벽에 가려는데 주차장이 열려 있을까요?",
        hashtags: ["일출봉"],
        regionCode: "KR-49-02-05",
      }),
    );
    expect(await a.runPromise(countActivity(500))).toBe(1);
    expect(tags(await a.runPromise(trendingKeywords("7d")))).toEqual({ 흑돼지: 2, 일출봉: 2, 애월: 1 });
  });

  it("empty counters (a restarted Redis): while one instance rebuilds the others answer from PostgreSQL; a fresh one rebuilds on its first read", async () => {
    const prefix = runPrefix();
    const [x, y] = [open(prefix), open(prefix)];
    // x holds the rebuild lock (it is mid-way): y does not rebuild too, and trending still has every count.
    expect(await x.runPromise(ActivityCounters.use((c) => c.claimRebuild))).toBe("claimed");
    expect(await y.runPromise(rebuildActivity())).toEqual({ state: "busy", counted: 0 });
    const meanwhile = await y.runPromise(trendingKeywords("24h"));
    expect(tags(meanwhile)).toEqual({ 흑돼지: 2, 일출봉: 2, 애월: 1 });
    expect(meanwhile.degraded).toBe(true);
    // A third instance on a fresh (empty) store rebuilds on its first trending read.
    const z = open(runPrefix());
    const first = await z.runPromise(trendingKeywords("24h"));
    expect(tags(first)).toEqual({ 흑돼지: 2, 일출봉: 2, 애월: 1 });
    expect(first.degraded).toBe(false);
    expect((await z.runPromise(rebuildActivity())).state).toBe("built");
  });
});
