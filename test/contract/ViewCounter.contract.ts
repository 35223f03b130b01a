import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { ViewCounter } from "../../src/application/ports/ViewCounter.js";
import { questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const anonymous = (key: string | null) => ({ userId: null, key });

/** Views are buffered and written back in batches; repeats and the author's own views do not count. */
export const viewCounterContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`ViewCounter contract: ${name}`, () => {
    let h: Harness;
    const author = userN(1);
    const reader = userN(2);
    const q = questionN(1, author);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.all([r.insert(author), r.insert(reader)])));
      await h.run(QuestionRepository.use((r) => r.insert(q)));
      // A fresh question id per run would be cleaner; the store is fresh, the buffer is drained here.
      await h.run(ViewCounter.use((v) => v.flush));
    });
    afterEach(() => h.dispose());
    const stored = async () => (await h.run(QuestionRepository.use((r) => r.findById(q.id))))?.viewCount;
    const record = (viewer: { userId: typeof reader.id | null; key: string | null }) =>
      h.run(ViewCounter.use((v) => v.record(q.id, viewer, author.id)));
    const until = async (f: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await f()); i++) await new Promise((r) => setTimeout(r, 20));
    };

    it("writes nothing per read: nine views stay buffered, the tenth writes the batch back", async () => {
      const pending = [];
      for (let i = 1; i <= 9; i++) pending.push(await record(anonymous(`v${i}`)));
      expect(pending).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await stored()).toBe(0);
      await record(anonymous("v10"));
      await until(async () => (await stored()) === 10);
      expect(await stored()).toBe(10);
      expect(await record(anonymous(null))).toBe(1);
    });

    it("counts a repeat by the same viewer once, and not the author's own views", async () => {
      expect(await record(anonymous("same"))).toBe(1);
      expect(await record(anonymous("same"))).toBe(1);
      expect(await record({ userId: reader.id, key: `u:${reader.id}` })).toBe(2);
      expect(await record({ userId: reader.id, key: `u:${reader.id}` })).toBe(2);
      expect(await record({ userId: author.id, key: `u:${author.id}` })).toBe(2);
      expect(await record(anonymous(null))).toBe(3);
      await h.run(ViewCounter.use((v) => v.flush));
      expect(await stored()).toBe(3);
    });

    it("note counts as record does (a repeat once, never the author) without reading the count back", async () => {
      const note = (viewer: { userId: typeof reader.id | null; key: string | null }) =>
        h.run(ViewCounter.use((v) => Effect.sync(() => v.note(q.id, viewer, author.id))));
      await note(anonymous("noted"));
      await note(anonymous("noted"));
      await note({ userId: author.id, key: `u:${author.id}` });
      await note(anonymous(null));
      expect(await record(anonymous("noted"))).toBe(2);
      await h.run(ViewCounter.use((v) => v.flush));
      expect(await stored()).toBe(2);
    });

    it("counts noted views at once for readers, and a burst of them exactly, batched back by flush", async () => {
      // Noted in one synchronous burst: nothing has reached the counter's store yet when record reads it back.
      await h.run(
        ViewCounter.use((v) =>
          Effect.sync(() => {
            for (let i = 0; i < 25; i++) v.note(q.id, anonymous(`burst${i % 20}`), author.id);
          }),
        ),
      );
      // The twentieth view may already be writing the batch back: the reader shows the stored count plus what it missed.
      const before = (await stored()) ?? 0;
      expect(before + (await h.run(ViewCounter.use((v) => v.record(q.id, anonymous("reader"), author.id, before))))).toBe(21);
      await h.run(ViewCounter.use((v) => v.flush));
      await until(async () => (await stored()) === 21);
      expect(await stored()).toBe(21);
      expect(await record(anonymous("burst3"))).toBe(0);
    });

    it("loses and doubles nothing under concurrent views", async () => {
      await Promise.all(Array.from({ length: 47 }, (_, i) => record(anonymous(`c${i}`))));
      await h.run(ViewCounter.use((v) => v.flush));
      await until(async () => (await stored()) === 47);
      expect(await stored()).toBe(47);
    });
  });
