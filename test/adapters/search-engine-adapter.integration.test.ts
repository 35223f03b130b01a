import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SearchIndex } from "../../src/application/ports/SearchIndex.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { parseQuery } from "../../src/domain/search/query.js";
import { questionN, storeQuestions, userN } from "../contract/fixtures.js";
import { searchIndexContract } from "../contract/SearchIndex.contract.js";
import { engineHarness } from "../support/engineHarness.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";

describe("the OpenSearch adapter", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await machineDatabase();
  }, 120_000);
  afterAll(() => db?.drop());
  searchIndexContract(
    "OpenSearch (nori) fed by the outbox",
    engineHarness(() => db),
  );

  it("re-checks every hit against PostgreSQL: a question hidden after indexing never shows, even before the sync", async () => {
    const h = await engineHarness(() => db)();
    try {
      const u = userN(1);
      const q = questionN(1, u, { title: "숨김 처리될 애월 질문입니다" });
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(storeQuestions([q], () => u));
      await h.settle?.();
      const search = () =>
        h.run(
          SearchIndex.use((s) =>
            s.search({ query: parseQuery("숨김 애월"), filters: {}, sort: "relevance", offset: 0, limit: 5, allowTypos: false }),
          ),
        );
      expect((await search()).hits.map((x) => x.question.id)).toEqual([q.id]);
      await h.run(QuestionRepository.use((r) => r.save({ ...q, status: "hidden" })));
      // the engine still has it (no sync yet), but the result is filtered by the system of record
      expect((await search()).hits).toEqual([]);
    } finally {
      await h.dispose();
    }
  });

  it("re-checks suggestions against PostgreSQL too: a hidden question's title is never suggested from a stale index", async () => {
    const h = await engineHarness(() => db)();
    try {
      const u = userN(1);
      const hidden = questionN(1, u, { title: "한림 숨길 질문 제목입니다", regionCode: "KR-49-01-01" });
      const kept = questionN(2, u, { title: "한림 남길 질문 제목입니다", regionCode: "KR-49-01-01" });
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(storeQuestions([hidden, kept], () => u));
      await h.settle?.();
      const suggest = (regionCode?: string) => h.run(SearchIndex.use((s) => s.suggest("한림", 5, regionCode)));
      expect([...(await suggest()).titles].sort()).toEqual([kept.title, hidden.title].sort());
      await h.run(QuestionRepository.use((r) => r.save({ ...hidden, status: "hidden" })));
      // the engine still has it (no sync yet): PostgreSQL has the last word, in a region too
      expect((await suggest()).titles).toEqual([kept.title]);
      expect((await suggest("KR-49-01")).titles).toEqual([kept.title]);
    } finally {
      await h.dispose();
    }
  });
});
