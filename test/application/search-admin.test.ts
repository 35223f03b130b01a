import { describe, expect, it } from "vitest";
import { makeInMemorySearchEngine } from "../../src/adapters/in-memory/InMemorySearchEngine.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SearchAdmin } from "../../src/application/ports/SearchAdmin.js";
import { SearchDocuments } from "../../src/application/ports/SearchDocuments.js";
import { closeQuestion } from "../../src/application/question/closeQuestion.js";
import { checkSearchDrift } from "../../src/application/search/checkSearchDrift.js";
import { toIndexed } from "../../src/application/search/indexable.js";
import { reindexSearch } from "../../src/application/search/reindexSearch.js";
import { repairSearchDrift } from "../../src/application/search/repairSearchDrift.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

/** Five questions (one hidden) in the store, the engine indexed by a rebuild. */
const indexedApp = async () => {
  const engine = makeInMemorySearchEngine();
  const app = makeTestApp(engine.layer);
  const asker = await registerUser(app, "질문자");
  const asked = [];
  for (let i = 0; i < 5; i++) asked.push(await ask(app, asker.id, { title: `관리 도구로 옮길 애월 질문 ${i}번입니다` }));
  const hidden = asked[4]!;
  await app.run(QuestionRepository.use((r) => r.save({ ...hidden, status: "hidden" })));
  await app.run(SearchAdmin.use((a) => a.ensureIndex));
  const rebuilt = await app.run(reindexSearch(2));
  const ids = asked.map((q) => q.id as string);
  return { app, engine, asker, asked, ids, rebuilt };
};

describe("search administration use cases (on the in-memory engine)", () => {
  it("a rebuild copies every listed question page by page into a new index, moves the alias and asks the sync to catch up", async () => {
    const { engine, ids, rebuilt } = await indexedApp();
    expect(rebuilt).toMatchObject({ copied: 4, dropped: ["questions-1"], index: "questions-2" });
    expect(rebuilt.requeued).toBeGreaterThanOrEqual(4);
    expect([...(engine.aliased()?.keys() ?? [])].sort()).toEqual(ids.slice(0, 4).sort());
  });

  it("the drift check finds missing, changed and unexpected documents; the repair fixes them from the database", async () => {
    const { app, engine, asked, ids } = await indexedApp();
    expect(await app.run(checkSearchDrift(2))).toMatchObject({
      drift: false,
      listed: 4,
      indexed: 4,
      missing: [],
      mismatched: [],
      unexpected: [],
    });

    const [changed] = await app.run(toIndexed([asked[1]!]));
    engine.put({ ...changed!, authorNickname: "엔진에서 바꾼 이름" });
    await app.run(SearchDocuments.use((d) => d.remove([asked[0]!.id])));
    const [hidden] = await app.run(toIndexed([asked[4]!]));
    engine.put(hidden!);
    await app.run(closeQuestion(asked[2]!.id, asked[2]!.authorId)); // a change whose event the sync has not delivered yet

    const drifted = await app.run(checkSearchDrift(2));
    expect(drifted).toMatchObject({ drift: true, listed: 4, indexed: 4, missing: [ids[0]], unexpected: [ids[4]] });
    expect([...drifted.mismatched].sort()).toEqual([ids[1], ids[2]].sort());
    expect(drifted.pending).toBeGreaterThan(0);

    const repaired = await app.run(repairSearchDrift(drifted));
    expect([...repaired.repaired].sort()).toEqual([ids[0], ids[1], ids[2], ids[4]].sort());
    expect(repaired.skipped).toEqual([]);
    expect(await app.run(checkSearchDrift(2))).toMatchObject({ drift: false, listed: 4, indexed: 4 });
  });

  it("a repair leaves a document written after the check (by the sync, with fresher data) alone", async () => {
    const { app, engine, asked, ids } = await indexedApp();
    const [doc] = await app.run(toIndexed([asked[3]!]));
    engine.put({ ...doc!, authorNickname: "엔진에서 바꾼 이름" });
    const drifted = await app.run(checkSearchDrift(2));
    expect(drifted.mismatched).toEqual([ids[3]]);
    await app.run(SearchDocuments.use((d) => d.upsert([doc!])));
    expect(await app.run(repairSearchDrift(drifted))).toEqual({ repaired: [], skipped: [ids[3]] });
  });

  it("without an engine every administration fails with SearchUnavailable", async () => {
    const app = makeTestApp();
    expect(await app.failure(reindexSearch())).toMatchObject({ _tag: "SearchUnavailable", reason: "no search engine configured" });
    expect(await app.failure(checkSearchDrift())).toMatchObject({ _tag: "SearchUnavailable" });
  });
});
