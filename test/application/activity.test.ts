import { Effect, Layer } from "effect";
import { describe, expect, it } from "vitest";
import { countActivity } from "../../src/application/activity/countActivity.js";
import { rebuildActivity } from "../../src/application/activity/rebuildActivity.js";
import { ActivityCounters } from "../../src/application/ports/ActivityCounters.js";
import { updateQuestion } from "../../src/application/question/updateQuestion.js";
import { trendingKeywords } from "../../src/application/search/trendingKeywords.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const HOUR = 3_600_000;
const AEWOL = "KR-49-01-02";
const JEJU_SI = "KR-49-01";
const SEONGSAN = "KR-49-02-05";
const SEOGWIPO = "KR-49-02";

const hashtags = (t: { keywords: readonly { keyword: string; count: number; type: string }[] }) =>
  t.keywords.filter((k) => k.type === "hashtag").map((k) => [k.keyword, k.count]);
const regions = (t: { regions?: readonly { regionCode: string; questions: number }[] }) =>
  Object.fromEntries((t.regions ?? []).map((r) => [r.regionCode, r.questions]));
/** Delivers every pending activity event (what the dispatcher's loop does). */
const deliver = async (app: TestApp) => {
  while ((await app.run(countActivity(500))) > 0);
};

describe("trending from the activity counters (in-memory adapters, the in-process KeyValue twin)", () => {
  it("counts asked questions from the outbox in their hashtags, region and ancestors; an edit counts nothing more", async () => {
    const app = makeTestApp();
    // The counters are rebuilt (from nothing) before the first question, so every count below is the consumer's.
    expect((await app.run(rebuildActivity())).state).toBe("rebuilt");
    const u = await registerUser(app, "애월주민");
    const q = await ask(app, u.id, { hashtags: ["흑돼지", "애월"], regionCode: AEWOL });
    await ask(app, u.id, { title: "성산 일출봉 주차 어디에 하나요", hashtags: ["일출봉"], regionCode: SEONGSAN });
    expect(hashtags(await app.run(trendingKeywords("24h")))).toEqual([]);
    await deliver(app);
    const t = await app.run(trendingKeywords("24h"));
    expect(hashtags(t)).toEqual([
      ["애월", 1],
      ["일출봉", 1],
      ["흑돼지", 1],
    ]);
    expect(regions(t)).toEqual({ [AEWOL]: 1, [JEJU_SI]: 1, [SEONGSAN]: 1, [SEOGWIPO]: 1 });
    expect(t.regions?.[0]).toEqual({ regionCode: JEJU_SI, name: "제주시", questions: 1 });
    expect(t.regions?.find((r) => r.regionCode === JEJU_SI)?.name).toBe("제주시");
    expect(t.degraded).toBe(false);

    // An edit writes the text again (a QuestionChanged with text) but it was not asked again.
    await app.run(updateQuestion(q.id, u.id, { hashtags: ["흑돼지", "애월", "맛집"] }));
    await deliver(app);
    expect(hashtags(await app.run(trendingKeywords("24h")))).toEqual([
      ["애월", 1],
      ["일출봉", 1],
      ["흑돼지", 1],
    ]);
  });

  it("rebuilds empty counters from the questions once; events delivered afterwards count nothing twice", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "서귀포사람", SEONGSAN);
    await ask(app, u.id, { hashtags: ["오름"], regionCode: SEONGSAN });
    app.clock.advance(30 * HOUR);
    await ask(app, u.id, { title: "성산 근처 오름 추천", hashtags: ["오름", "성산"], regionCode: SEONGSAN });
    // No consumer ran: the first read finds no marker and rebuilds from the store.
    const t7 = await app.run(trendingKeywords("7d"));
    expect(hashtags(t7)).toEqual([
      ["오름", 2],
      ["성산", 1],
    ]);
    expect(regions(t7)).toMatchObject({ [SEONGSAN]: 2, [SEOGWIPO]: 2 });
    expect(hashtags(await app.run(trendingKeywords("24h")))).toEqual([
      ["성산", 1],
      ["오름", 1],
    ]);
    expect((await app.run(rebuildActivity())).state).toBe("built");
    // The outbox still holds both asks: delivering them now adds nothing (the rebuild counted them).
    await deliver(app);
    expect(hashtags(await app.run(trendingKeywords("7d")))).toEqual([
      ["오름", 2],
      ["성산", 1],
    ]);
  });

  it("moves with the clock: a question leaves 24 h after its hour's bucket, 7 d after its 6-hour bucket", async () => {
    const app = makeTestApp();
    await app.run(rebuildActivity());
    const u = await registerUser(app, "한림사람");
    await ask(app, u.id, { hashtags: ["협재"], regionCode: AEWOL });
    await deliver(app);
    expect(hashtags(await app.run(trendingKeywords("24h")))).toEqual([["협재", 1]]);
    app.clock.advance(25 * HOUR);
    expect(hashtags(await app.run(trendingKeywords("24h")))).toEqual([]);
    expect(hashtags(await app.run(trendingKeywords("7d")))).toEqual([["협재", 1]]);
    app.clock.advance(7 * 24 * HOUR);
    expect(hashtags(await app.run(trendingKeywords("7d")))).toEqual([]);
    expect((await app.run(trendingKeywords("7d"))).regions).toEqual([]);
  });

  it("answers from the store's questions, degraded, when the counters cannot (or another instance is rebuilding)", async () => {
    const down = { _tag: "ActivityUnavailable" as const, reason: "zTop: failed" };
    const failing = Layer.succeed(ActivityCounters, {
      record: () => Effect.fail(down),
      top: () => Effect.fail(down),
      claimRebuild: Effect.fail(down),
      finishRebuild: Effect.fail(down),
    });
    const busy = Layer.succeed(ActivityCounters, {
      record: () => Effect.succeed(true),
      top: () => Effect.succeed({ hashtags: [], regions: [] }),
      claimRebuild: Effect.succeed("busy" as const),
      finishRebuild: Effect.void,
    });
    for (const counters of [failing, busy]) {
      const app = makeTestApp(counters);
      const u = await registerUser(app, "제주토박이");
      await ask(app, u.id, { hashtags: ["한라산"], regionCode: AEWOL });
      const t = await app.run(trendingKeywords("24h"));
      expect(hashtags(t)).toEqual([["한라산", 1]]);
      expect(regions(t)).toMatchObject({ [AEWOL]: 1, [JEJU_SI]: 1 });
      expect(t.degraded).toBe(true);
    }
  });
});
