import { type Effect, Stream } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SearchAdmin } from "../../src/application/ports/SearchAdmin.js";
import { type IndexedQuestion, SearchDocuments } from "../../src/application/ports/SearchDocuments.js";
import { questionN, userN } from "./fixtures.js";

/** The engine on an alias of its own that has no index yet; `put` edits a document behind the ports' back. */
export interface SearchAdminHarness {
  readonly run: <A, E>(effect: Effect.Effect<A, E, SearchAdmin | SearchDocuments>) => Promise<A>;
  readonly put: (doc: IndexedQuestion) => Promise<void>;
  readonly dispose: () => Promise<void>;
}

const author = userN(1);
const indexed = (n: number, over: Partial<IndexedQuestion> = {}): IndexedQuestion => ({
  question: questionN(n, author),
  authorNickname: author.nickname,
  authorIsLocal: false,
  authorVerificationLevel: 0,
  regionPath: ["KR-49", "KR-49-01", "KR-49-01-02"],
  ...over,
});

const ids = (docs: readonly IndexedQuestion[]) => docs.map((d) => d.question.id as string).sort();

export const searchAdminContract = (name: string, makeHarness: () => Promise<SearchAdminHarness>) =>
  describe(`SearchAdmin contract: ${name}`, () => {
    let h: SearchAdminHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());
    const op = <A>(f: (a: SearchAdmin["Service"]) => Effect.Effect<A, unknown>) => h.run(SearchAdmin.use(f));
    const listed = async () => [...(await op((a) => Stream.runCollect(a.documents)))].flat();

    it("creates an index behind the alias once: then it is there", async () => {
      expect(await op((a) => a.aliasTargets)).toEqual([]);
      const first = await op((a) => a.ensureIndex);
      expect(first.created).toBe(true);
      expect(await op((a) => a.aliasTargets)).toEqual([first.created ? first.index : ""]);
      expect(await op((a) => a.ensureIndex)).toEqual({ created: false });
    });

    it("compares each document with what it should hold: same, missing, or different with its version", async () => {
      await op((a) => a.ensureIndex);
      await h.run(SearchDocuments.use((d) => d.upsert([indexed(1), indexed(2)])));
      await h.put(indexed(2, { authorNickname: "손으로 바꾼 이름" }));
      await op((a) => a.refresh);
      const compared = await op((a) => a.compare([indexed(1), indexed(2), indexed(3)]));
      expect(compared.map((c) => [c.id, c.stored])).toEqual([
        [indexed(1).question.id, "same"],
        [indexed(2).question.id, "different"],
        [indexed(3).question.id, "missing"],
      ]);
      expect((await listed()).map((d) => d.id).sort()).toEqual(ids([indexed(1), indexed(2)]));
    });

    it("writes conditionally: a write decided on a version that changed since is skipped", async () => {
      await op((a) => a.ensureIndex);
      await h.run(SearchDocuments.use((d) => d.upsert([indexed(1), indexed(2), indexed(3)])));
      await op((a) => a.refresh);
      const seen = new Map((await listed()).map((d) => [d.id, d.version]));
      const version = (n: number) => seen.get(indexed(n).question.id) ?? expect.fail(`no version for ${n}`);
      // someone (the sync) writes 2 after its version was seen
      await h.run(SearchDocuments.use((d) => d.upsert([indexed(2, { authorNickname: "그 사이에 바뀐 이름" })])));
      const r = await op((a) =>
        a.writeConditionally([
          { op: "index", doc: indexed(1, { authorNickname: "고친 이름" }), expected: version(1) },
          { op: "index", doc: indexed(2, { authorNickname: "낡은 결정" }), expected: version(2) },
          { op: "delete", id: indexed(3).question.id, expected: version(3) },
          { op: "create", doc: indexed(4) },
          { op: "create", doc: indexed(1) },
        ]),
      );
      expect([...r.written].sort()).toEqual(ids([indexed(1), indexed(3), indexed(4)]));
      // 2 changed since its version was seen; 1 was there already, which a create must not find
      expect([...r.skipped].sort()).toEqual(ids([indexed(1), indexed(2)]));
      await op((a) => a.refresh);
      const after = await op((a) =>
        a.compare([
          indexed(1, { authorNickname: "고친 이름" }),
          indexed(2, { authorNickname: "그 사이에 바뀐 이름" }),
          indexed(3),
          indexed(4),
        ]),
      );
      expect(after.map((c) => c.stored)).toEqual(["same", "same", "missing", "same"]);
    });

    it("rebuilds into a new index, then moves the alias to it and drops the old one", async () => {
      const old = await op((a) => a.ensureIndex);
      await h.run(SearchDocuments.use((d) => d.upsert([indexed(9)])));
      const next = await op((a) => a.createIndex);
      await op((a) => a.fill(next, [indexed(1), indexed(2)]));
      // until it is published, the alias still serves the old index
      await op((a) => a.refresh);
      expect((await listed()).map((d) => d.id)).toEqual([indexed(9).question.id]);
      expect(await op((a) => a.publish(next))).toEqual([old.created ? old.index : ""]);
      expect(await op((a) => a.aliasTargets)).toEqual([next]);
      await op((a) => a.refresh);
      expect((await listed()).map((d) => d.id).sort()).toEqual(ids([indexed(1), indexed(2)]));
    });
  });
