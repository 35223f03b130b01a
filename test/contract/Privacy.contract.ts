import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { ConsentRepository } from "../../src/application/ports/ConsentRepository.js";
import { HashtagRepository } from "../../src/application/ports/HashtagRepository.js";
import { LocationLog } from "../../src/application/ports/LocationLog.js";
import { NotificationRepository } from "../../src/application/ports/NotificationRepository.js";
import { PersonalData } from "../../src/application/ports/PersonalData.js";
import { PrivacyAudit } from "../../src/application/ports/PrivacyAudit.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SessionStore } from "../../src/application/ports/SessionStore.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { consentsAtRegistration } from "../../src/domain/privacy/consent.js";
import type { LocationUse } from "../../src/domain/privacy/location.js";
import { NotificationId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { answerN, questionN, storeQuestions, userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const one = userN(1);
const two = userN(2);
const use = (minutes: number, over: Partial<LocationUse> = {}): LocationUse => ({
  userId: one.id,
  purpose: "verification",
  recipient: null,
  reference: null,
  usedAt: at(minutes),
  ...over,
});
const strip = <A extends { readonly id: string }>(rows: readonly A[]) => rows.map(({ id: _, ...rest }) => rest);

export const privacyContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`Privacy ports contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.all([r.insert(one), r.insert(two)])));
    });
    afterEach(() => h.dispose());

    it("ConsentRepository keeps every decision newest first and erases one person's", async () => {
      const first = consentsAtRegistration(one.id, undefined, at(0))._unsafeUnwrap();
      await h.run(ConsentRepository.use((c) => c.record(first)));
      await h.run(
        ConsentRepository.use((c) => c.record([{ userId: one.id, kind: "location", version: "v2", granted: true, recordedAt: at(5) }])),
      );
      await h.run(ConsentRepository.use((c) => c.record(consentsAtRegistration(two.id, undefined, at(1))._unsafeUnwrap())));
      const history = await h.run(ConsentRepository.use((c) => c.historyOf(one.id)));
      expect(history[0]).toEqual({ userId: one.id, kind: "location", version: "v2", granted: true, recordedAt: at(5) });
      expect(history.slice(1)).toEqual([...first].reverse());
      expect(await h.run(ConsentRepository.use((c) => c.eraseFor(one.id)))).toBe(6);
      expect(await h.run(ConsentRepository.use((c) => c.historyOf(one.id)))).toEqual([]);
      expect(await h.run(ConsentRepository.use((c) => c.historyOf(two.id)))).toHaveLength(5);
    });

    it("LocationLog appends, lists newest first, purges by age and erases one person's", async () => {
      await h.run(
        LocationLog.use((l) =>
          Effect.all([
            l.append(use(1)),
            l.append(use(2, { purpose: "question_location", recipient: "public", reference: "q-1" })),
            l.append(use(3, { userId: two.id, purpose: "nearby_search" })),
          ]),
        ),
      );
      expect(strip(await h.run(LocationLog.use((l) => l.listFor(one.id, 10))))).toEqual([
        use(2, { purpose: "question_location", recipient: "public", reference: "q-1" }),
        use(1),
      ]);
      expect(await h.run(LocationLog.use((l) => l.listFor(one.id, 1)))).toHaveLength(1);
      expect(await h.run(LocationLog.use((l) => l.purgeBefore(at(2))))).toBe(1);
      expect(await h.run(LocationLog.use((l) => l.eraseFor(one.id)))).toBe(1);
      expect(await h.run(LocationLog.use((l) => l.listFor(one.id, 10)))).toEqual([]);
      expect(strip(await h.run(LocationLog.use((l) => l.listFor(two.id, 10))))).toEqual([
        use(3, { userId: two.id, purpose: "nearby_search" }),
      ]);
    });

    it("PrivacyAudit records reads and deletions and lists the people a window touched", async () => {
      await h.run(PrivacyAudit.use((p) => p.recordRead({ adminId: two.id, subjectUserId: one.id, what: "admin.userData", at: at(10) })));
      await h.run(LocationLog.use((l) => l.append(use(20, { userId: two.id }))));
      await h.run(
        PrivacyAudit.use((p) => p.recordDeletion({ at: at(30), questionsKept: 1, answersKept: 2, ledgerRowsKept: 3, imagesRemoved: 4 })),
      );
      expect(await h.run(PrivacyAudit.use((p) => p.readsOf(one.id)))).toEqual([
        { adminId: two.id, subjectUserId: one.id, what: "admin.userData", at: at(10) },
      ]);
      expect(await h.run(PrivacyAudit.use((p) => p.deletionsBetween(at(0), at(31))))).toEqual([
        { at: at(30), questionsKept: 1, answersKept: 2, ledgerRowsKept: 3, imagesRemoved: 4 },
      ]);
      expect(await h.run(PrivacyAudit.use((p) => p.deletionsBetween(at(31), at(40))))).toEqual([]);
      expect(await h.run(PrivacyAudit.use((p) => p.touchedBetween(at(10), at(11))))).toEqual([{ userId: one.id, sources: ["admin_read"] }]);
      expect(await h.run(PrivacyAudit.use((p) => p.touchedBetween(at(11), at(25))))).toEqual([
        { userId: two.id, sources: ["location_use"] },
      ]);
      // A session seen in the window counts: created before its end, last seen after its start.
      await h.run(SessionStore.use((s) => s.create({ userId: one.id, createdAt: at(40), expiresAt: at(400), userAgent: null })));
      expect(await h.run(PrivacyAudit.use((p) => p.touchedBetween(at(0), at(41))))).toEqual(
        [
          { userId: one.id, sources: ["admin_read", "session"] },
          { userId: two.id, sources: ["location_use"] },
        ].sort((a, b) => (a.userId < b.userId ? -1 : 1)),
      );
      expect(await h.run(PrivacyAudit.use((p) => p.touchedBetween(at(0), at(40))))).toHaveLength(2);
      expect(await h.run(PrivacyAudit.use((p) => p.touchedBetween(at(40), at(50))))).toEqual([{ userId: one.id, sources: ["session"] }]);
      expect(await h.run(PrivacyAudit.use((p) => p.touchedBetween(at(41), at(50))))).toEqual([]);
    });

    it("PersonalData lists a person's posts, clears their locations, and erases their traces in a unit of work", async () => {
      const located = questionN(1, one, { location: { lat: 33.394, lng: 126.2396 }, locationDescription: "협재" });
      const plain = questionN(2, one);
      const theirs = questionN(3, two);
      await h.run(storeQuestions([located, plain, theirs], (q) => (q.authorId === one.id ? one : two)));
      const answer = answerN(1, theirs, one);
      await h.run(AnswerRepository.use((r) => r.insert(answer)));
      const content = await h.run(PersonalData.use((p) => p.contentOf(one.id)));
      expect(content.questions.map((q) => q.id).sort()).toEqual([located.id, plain.id].sort());
      expect(content.answers.map((a) => a.id)).toEqual([answer.id]);
      expect(await h.run(PersonalData.use((p) => p.clearLocations(one.id)))).toEqual([located.id]);
      const cleared = await h.run(QuestionRepository.use((q) => q.findById(located.id)));
      expect(cleared).toMatchObject({ location: null, locationDescription: null });
      expect(await h.run(PersonalData.use((p) => p.clearLocations(one.id)))).toEqual([]);
      const traces = await h.run(UnitOfWork.use((u) => u.transact(PersonalData.use((p) => p.eraseTraces(one.id, "탈퇴한 사용자")))));
      expect([...traces.questionIds].sort()).toEqual([located.id, plain.id].sort());
      expect(traces.answeredQuestionIds).toEqual([theirs.id]);
      expect(traces.answers).toBe(1);
      expect(traces.ledgerRows).toBe(0);
    });

    it("PersonalData purges notifications and hashtag uses past their retention", async () => {
      const note = (n: number) => ({
        id: NotificationId(uuid(n, 6)),
        userId: one.id,
        type: "new_answer" as const,
        title: "새 답변",
        message: "답변이 달렸어요",
        data: {},
        isRead: false,
        createdAt: at(n),
      });
      await h.run(NotificationRepository.use((r) => Effect.all([r.insert(note(1)), r.insert(note(10))])));
      await h.run(HashtagRepository.use((r) => Effect.andThen(r.recordUses(["협재"], at(1)), r.recordUses(["협재"], at(10)))));
      expect(await h.run(PersonalData.use((p) => p.purgeExpired({ notificationsBefore: at(5), hashtagUsesBefore: at(5) })))).toEqual({
        notifications: 1,
        hashtagUses: 1,
      });
      expect((await h.run(NotificationRepository.use((r) => r.list(one.id, { unreadOnly: false, limit: 10 })))).map((n) => n.id)).toEqual([
        note(10).id,
      ]);
      expect(await h.run(HashtagRepository.use((r) => r.usesSince(at(0))))).toHaveLength(1);
    });
  });
