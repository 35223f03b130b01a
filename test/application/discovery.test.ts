import { describe, expect, it } from "vitest";
import { verifyLocal } from "../../src/application/account/verifyLocal.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { getQuestion } from "../../src/application/question/getQuestion.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { nearbyQuestions } from "../../src/application/question/nearbyQuestions.js";
import { listRegions } from "../../src/application/region/listRegions.js";
import { locateRegion } from "../../src/application/region/locateRegion.js";
import { QuestionId } from "../../src/domain/shared/ids.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

const hour = 3_600_000;
const places = {
  airport: { lat: 33.5104, lng: 126.4914 },
  hyeopjae: { lat: 33.394, lng: 126.2396 },
  seongsan: { lat: 33.4581, lng: 126.9425 },
};

describe("listing questions", () => {
  it("pages through every listed question exactly once, in order, for every sort", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "질문러");
    const other = await registerUser(app, "답변러");
    for (let i = 0; i < 13; i++) {
      app.clock.advance(hour);
      const q = await ask(app, u.id, {
        title: `제주 여행 질문 번호 ${i} 입니다`,
        urgency: i % 5 === 0 ? "urgent" : "normal",
        regionCode: i % 2 ? "KR-49-01-02" : "KR-49-02-05",
      });
      for (let k = 0; k < i % 3; k++)
        await app.run(postAnswer({ questionId: q.id, authorId: other.id, content: "답변 내용입니다. 도움이 되길 바라요." }));
    }
    for (const sort of ["newest", "oldest", "popular", "most_answers", "most_views", "urgent"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await app.run(listQuestions({ sort, limit: 4, cursor }));
        seen.push(...page.items.map((q) => q.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(13);
      const all = await app.run(listQuestions({ sort, limit: 50 }));
      expect(all.items.map((q) => q.id)).toEqual(seen);
    }
    const newest = (await app.run(listQuestions({ sort: "newest", limit: 50 }))).items;
    expect(newest[0]?.title).toBe("제주 여행 질문 번호 12 입니다");
    const urgent = (await app.run(listQuestions({ sort: "urgent", limit: 3 }))).items;
    expect(urgent.every((q) => q.urgency === "urgent")).toBe(true);
  });

  it("filters by region with its sub-regions, by category and status; rejects a foreign cursor", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "질문러");
    await ask(app, u.id, { regionCode: "KR-49-01-02" });
    await ask(app, u.id, {
      regionCode: "KR-49-02-05",
      title: "성산 일출 보러 가는 버스 있나요?",
      content: "새벽에 성산일출봉까지 가는 대중교통이 궁금합니다.",
    });
    expect((await app.run(listQuestions({ regionCode: "KR-49-01" }))).items).toHaveLength(1);
    expect((await app.run(listQuestions({ regionCode: "KR-49" }))).items).toHaveLength(2);
    expect((await app.run(listQuestions({ category: "transport" }))).items).toHaveLength(1);
    expect((await app.run(listQuestions({ status: "answered" }))).items).toHaveLength(0);
    expect((await app.failure(listQuestions({ cursor: "garbage" })))._tag).toBe("InvalidCursor");
    expect((await app.failure(listQuestions({ regionCode: "KR-00" })))._tag).toBe("RegionNotFound");
  });
});

describe("nearby and regions", () => {
  it("finds questions within the radius, nearest first, with distances", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "질문러");
    const near = await ask(app, u.id, { regionCode: undefined, location: { ...places.airport, description: "제주공항 3번 게이트" } });
    const far = await ask(app, u.id, { regionCode: undefined, location: places.seongsan });
    expect(near.regionCode).toBe("KR-49-01-58");
    const within10 = await app.run(nearbyQuestions({ ...places.airport, radiusKm: 10 }));
    expect(within10.items.map((i) => i.question.id)).toEqual([near.id]);
    const within60 = await app.run(nearbyQuestions({ ...places.airport, radiusKm: 60 }));
    expect(within60.items.map((i) => i.question.id)).toEqual([near.id, far.id]);
    expect(within60.items[1]?.distanceKm).toBeGreaterThan(40);
  });

  it("lists regions by parent and locates a point", async () => {
    const app = makeTestApp();
    const districts = await app.run(listRegions("KR-49-01"));
    expect(districts.map((r) => r.name)).toContain("애월읍");
    expect((await app.run(locateRegion(places.hyeopjae)))?.name).toBe("한림읍");
    expect(await app.run(locateRegion({ lat: 37.5, lng: 127 }))).toBeNull();
  });

  it("a missing question is QuestionNotFound", async () => {
    const app = makeTestApp();
    expect((await app.failure(getQuestion(QuestionId("nope"), null)))._tag).toBe("QuestionNotFound");
  });
});

describe("local verification", () => {
  it("raises 0 → 1 at home, to 2 on the third distinct day; refuses a position elsewhere", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "한림주민", "KR-49-01-01");
    expect((await app.failure(verifyLocal(u.id, places.seongsan)))._tag).toBe("NotInHomeRegion");
    expect((await app.run(verifyLocal(u.id, places.hyeopjae))).verificationLevel).toBe(1);
    expect((await app.run(verifyLocal(u.id, places.hyeopjae))).verificationLevel).toBe(1);
    app.clock.advance(24 * hour);
    expect((await app.run(verifyLocal(u.id, places.hyeopjae))).verificationLevel).toBe(1);
    app.clock.advance(24 * hour);
    const third = await app.run(verifyLocal(u.id, places.hyeopjae));
    expect(third.verificationLevel).toBe(2);
    expect(third.region.name).toBe("한림읍");
    expect((await app.failure(verifyLocal(u.id, { lat: 37.5, lng: 127 })))._tag).toBe("LocationOutsideServiceArea");
  });
});
