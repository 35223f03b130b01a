import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModerationRepository } from "../../src/application/ports/ModerationRepository.js";
import { RevisionRepository } from "../../src/application/ports/RevisionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { openReview } from "../../src/domain/moderation/moderation.js";
import { T0 } from "../support/builders.js";
import { userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const post = (n: number) => ({ type: "question", id: uuid(n, 2) }) as const;

export const revisionRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`RevisionRepository contract: ${name}`, () => {
    let h: Harness;
    const editor = userN(1);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(editor)));
    });
    afterEach(() => h.dispose());
    const revisions = <A, E>(f: (r: RevisionRepository["Service"]) => Effect.Effect<A, E>) => h.run(RevisionRepository.use(f));
    const revision = (n: number, content: string) => ({
      target: post(1),
      revision: n,
      editorId: editor.id,
      title: `제목 ${n}번째 판입니다`,
      content,
      hashtags: ["애월"],
      regionCode: "KR-49-01-02",
      createdAt: at(n),
    });

    it("appends revisions and lists them oldest first; latest is the highest number, 0 for none", async () => {
      expect(await revisions((r) => r.latest(post(1)))).toBe(0);
      await revisions((r) => r.append(revision(2, "두 번째")));
      await revisions((r) => r.append(revision(1, "첫 번째")));
      expect(await revisions((r) => r.list(post(1)))).toEqual([revision(1, "첫 번째"), revision(2, "두 번째")]);
      expect(await revisions((r) => r.latest(post(1)))).toBe(2);
      expect(await revisions((r) => r.list(post(2)))).toEqual([]);
    });

    it("refuses a second row with the same revision number (the post's history is never rewritten)", async () => {
      await revisions((r) => r.append(revision(1, "첫 번째")));
      const second = await h.exit(RevisionRepository.use((r) => r.append(revision(1, "다시 쓴 첫 번째"))));
      expect(second._tag).toBe("Failure");
      expect((await revisions((r) => r.list(post(1)))).map((x) => x.content)).toEqual(["첫 번째"]);
    });
  });

export const moderationRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`ModerationRepository contract: ${name}`, () => {
    let h: Harness;
    const author = userN(1);
    const a = userN(2);
    const b = userN(3);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.all([r.insert(author), r.insert(a), r.insert(b)])));
    });
    afterEach(() => h.dispose());
    const mod = <A, E>(f: (r: ModerationRepository["Service"]) => Effect.Effect<A, E>) => h.run(ModerationRepository.use(f));

    it("keeps one flag per user and post and counts distinct flaggers", async () => {
      expect(await mod((r) => r.addFlag({ target: post(1), userId: a.id, reason: "spam", createdAt: T0 }))).toBe(true);
      expect(await mod((r) => r.addFlag({ target: post(1), userId: a.id, reason: "abuse", createdAt: T0 }))).toBe(false);
      expect(await mod((r) => r.addFlag({ target: post(1), userId: b.id, reason: "abuse", createdAt: T0 }))).toBe(true);
      expect(await mod((r) => r.addFlag({ target: { type: "answer", id: uuid(1, 2) }, userId: a.id, reason: "spam", createdAt: T0 }))).toBe(
        true,
      );
      expect(await mod((r) => r.countFlags(post(1)))).toBe(2);
      expect(await mod((r) => r.countFlags(post(2)))).toBe(0);
    });

    it("opens one pending review per post, escalates it when the post gets hidden, pages the queue and resolves once", async () => {
      const profane = openReview(post(1), author.id, "profanity", false, null, at(1));
      expect(await mod((r) => r.openReview(profane))).toBe(true);
      expect(await mod((r) => r.openReview(openReview(post(1), author.id, "profanity", false, null, at(2))))).toBe(false);
      // Flags hide it later: the pending review now says so.
      expect(await mod((r) => r.openReview(openReview(post(1), author.id, "flags", true, "open", at(3))))).toBe(true);
      expect(await mod((r) => r.findReview(post(1)))).toEqual(openReview(post(1), author.id, "flags", true, "open", at(3)));
      await mod((r) => r.openReview(openReview(post(2), author.id, "flags", true, "answered", at(4))));
      await mod((r) => r.openReview(openReview(post(3), author.id, "flags", true, "closed", at(5))));
      const first = await mod((r) => r.pending({ limit: 2 }));
      expect(first.map((x) => x.target.id)).toEqual([post(1).id, post(2).id]);
      const last = first[1];
      if (!last) throw new Error("no second review");
      const rest = await mod((r) => r.pending({ limit: 2, after: { openedAt: last.openedAt, id: last.target.id } }));
      expect(rest.map((x) => x.target.id)).toEqual([post(3).id]);

      expect(await mod((r) => r.resolve(post(2), "restore", a.id, at(6)))).toBe(true);
      expect(await mod((r) => r.resolve(post(2), "delete", b.id, at(7)))).toBe(false);
      expect(await mod((r) => r.findReview(post(2)))).toMatchObject({
        state: "resolved",
        resolution: "restore",
        resolvedBy: a.id,
        resolvedAt: at(6),
      });
      expect((await mod((r) => r.pending({ limit: 10 }))).map((x) => x.target.id)).toEqual([post(1).id, post(3).id]);
      // A resolved review opens again for a new round.
      expect(await mod((r) => r.openReview(openReview(post(2), author.id, "flags", true, "open", at(8))))).toBe(true);
      expect(await mod((r) => r.findReview(post(2)))).toMatchObject({ state: "pending", resolution: null, openedAt: at(8) });
    });

    it("appends audit entries and lists a target's, oldest first", async () => {
      const entry = (n: number, action: string) => ({
        actorId: n === 0 ? null : a.id,
        action,
        target: { type: "question", id: post(1).id },
        detail: { n, note: "x" },
        createdAt: at(n),
      });
      await mod((r) => Effect.all([r.audit(entry(0, "flag")), r.audit(entry(1, "hide_pending_review"))], { concurrency: 1 }));
      await mod((r) => r.audit({ ...entry(2, "flag"), target: { type: "user", id: a.id } }));
      expect(await mod((r) => r.auditOf({ type: "question", id: post(1).id }))).toEqual([
        entry(0, "flag"),
        entry(1, "hide_pending_review"),
      ]);
    });

    it("roles: user by default, set for a live user only, read back", async () => {
      expect(await mod((r) => r.roleOf(a.id))).toBe("user");
      expect(await mod((r) => r.setRole(a.id, "moderator"))).toBe(true);
      expect(await mod((r) => r.roleOf(a.id))).toBe("moderator");
      expect(await mod((r) => r.roleOf(b.id))).toBe("user");
      expect(await mod((r) => r.setRole(userN(9).id, "admin"))).toBe(false);
    });

    it("a unit of work that fails leaves no flag, review or audit entry", async () => {
      await h.exit(
        UnitOfWork.use((u) =>
          u.transact(
            Effect.gen(function* () {
              const r = yield* ModerationRepository;
              yield* r.addFlag({ target: post(1), userId: a.id, reason: "spam", createdAt: T0 });
              yield* r.openReview(openReview(post(1), author.id, "flags", true, "open", T0));
              yield* r.audit({ actorId: a.id, action: "flag", target: post(1), detail: {}, createdAt: T0 });
              return yield* Effect.fail("boom");
            }),
          ),
        ),
      );
      expect(await mod((r) => r.countFlags(post(1)))).toBe(0);
      expect(await mod((r) => r.findReview(post(1)))).toBeUndefined();
      expect(await mod((r) => r.auditOf(post(1)))).toEqual([]);
    });
  });
