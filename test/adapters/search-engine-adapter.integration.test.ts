import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SearchIndex } from "../../src/application/ports/SearchIndex.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { parseQuery } from "../../src/domain/search/query.js";
import { questionN, userN } from "../contract/fixtures.js";
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
      await h.run(QuestionRepository.use((r) => r.insert(q)));
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
});
