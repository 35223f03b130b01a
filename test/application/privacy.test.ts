import { Layer } from "effect";
import { describe, expect, it } from "vitest";
import { makeInMemoryMediaStore } from "../../src/adapters/in-memory/InMemoryMediaStore.js";
import { login } from "../../src/application/account/login.js";
import { register } from "../../src/application/account/register.js";
import { verifyLocal } from "../../src/application/account/verifyLocal.js";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { confirmUpload } from "../../src/application/media/confirmUpload.js";
import { createUpload } from "../../src/application/media/createUpload.js";
import { grantRole } from "../../src/application/moderation/grantRole.js";
import { BadgeRepository } from "../../src/application/ports/BadgeRepository.js";
import { Clock } from "../../src/application/ports/Clock.js";
import { ConsentRepository } from "../../src/application/ports/ConsentRepository.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { LedgerRepository } from "../../src/application/ports/LedgerRepository.js";
import { MediaPolicy } from "../../src/application/ports/MediaPolicy.js";
import { MediaRepository } from "../../src/application/ports/MediaRepository.js";
import { NotificationRepository } from "../../src/application/ports/NotificationRepository.js";
import { PrivacyAudit } from "../../src/application/ports/PrivacyAudit.js";
import { SessionStore } from "../../src/application/ports/SessionStore.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { adminUserData } from "../../src/application/privacy/adminUserData.js";
import { breachReport } from "../../src/application/privacy/breachReport.js";
import { getConsents, setConsent } from "../../src/application/privacy/consents.js";
import { deleteAccount } from "../../src/application/privacy/deleteAccount.js";
import { exportData } from "../../src/application/privacy/exportData.js";
import { listLocationUses } from "../../src/application/privacy/listLocationUses.js";
import { purgeLocationRecords } from "../../src/application/privacy/retention.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { getQuestion } from "../../src/application/question/getQuestion.js";
import { nearbyQuestionsFor } from "../../src/application/question/nearbyQuestions.js";
import { CONSENT_VERSIONS } from "../../src/domain/privacy/consent.js";
import { DELETED_AUTHOR_NICKNAME } from "../../src/domain/privacy/erasure.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { plainPng } from "../support/images.js";
import { putThroughEndpoint } from "../support/mediaHarness.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

const DAY = 86_400_000;
const HYEOPJAE = { lat: 33.394, lng: 126.2396 };
const PASSWORD = "비밀번호1234";
const NO_LOCATION = { terms: true, privacy: true };
const QUESTION = { title: "협재해수욕장 근처 주차 가능한가요?", content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요." };

const setup = () => {
  const media = makeInMemoryMediaStore();
  const app = makeTestApp(Layer.mergeAll(media.layer, Layer.succeed(MediaPolicy, { uploadsPerDay: 50, urlTtlSeconds: 3600 })));
  const upload = async (ownerId: UserId) => {
    const body = await plainPng();
    const { key, upload: u } = await app.run(createUpload({ ownerId, contentType: "image/png", size: body.length }));
    expect(await putThroughEndpoint(app.run, u, body, await app.run(Clock.use((c) => c.now)))).toBe(200);
    await app.run(confirmUpload({ key, actorId: ownerId }));
    return key;
  };
  return { app, media, upload };
};

describe("consents", () => {
  it("a registration without consents records the required terms at their current version and every optional one off", async () => {
    const { app } = setup();
    const { user } = await app.run(register({ email: "old-client@example.kr", password: PASSWORD, nickname: "옛날앱" }));
    const consents = await app.run(getConsents(user.id));
    expect(consents).toEqual([
      { kind: "terms", granted: true, version: CONSENT_VERSIONS.terms, recordedAt: T0 },
      { kind: "privacy", granted: true, version: CONSENT_VERSIONS.privacy, recordedAt: T0 },
      { kind: "location", granted: false, version: CONSENT_VERSIONS.location, recordedAt: T0 },
      { kind: "marketing", granted: false, version: CONSENT_VERSIONS.marketing, recordedAt: T0 },
      { kind: "guardian", granted: false, version: CONSENT_VERSIONS.guardian, recordedAt: T0 },
    ]);
  });

  it("refuses a registration that declines a required consent, or gives a birth year in the future, and writes nothing", async () => {
    const { app } = setup();
    const email = "declines@example.kr";
    expect(await app.failure(register({ email, password: PASSWORD, nickname: "거절", consents: { terms: true, privacy: false } }))).toEqual(
      {
        _tag: "RequiredConsentMissing",
        kind: "privacy",
      },
    );
    expect(await app.failure(register({ email, password: PASSWORD, nickname: "미래", birthYear: T0.getUTCFullYear() + 1 }))).toEqual({
      _tag: "InvalidBirthYear",
    });
    expect(await app.run(UserRepository.use((u) => u.findByEmail(email)))).toBeUndefined();
  });

  it("versions and timestamps later decisions; required ones cannot be withdrawn", async () => {
    const { app } = setup();
    const u = await registerUser(app, "마케팅", "KR-49-01-01", { consents: NO_LOCATION });
    app.clock.advance(DAY);
    const after = await app.run(setConsent(u.id, "marketing", true));
    expect(after.find((c) => c.kind === "marketing")).toEqual({
      kind: "marketing",
      granted: true,
      version: CONSENT_VERSIONS.marketing,
      recordedAt: new Date(T0.getTime() + DAY),
    });
    expect(await app.failure(setConsent(u.id, "terms", false))).toEqual({ _tag: "RequiredConsentWithdrawal", kind: "terms" });
    // The history keeps both decisions of marketing.
    const history = await app.run(ConsentRepository.use((c) => c.historyOf(u.id)));
    expect(history.filter((d) => d.kind === "marketing").map((d) => d.granted)).toEqual([true, false]);
  });
});

describe("location features", () => {
  it("are refused without the location terms: verification, a question with a location, a nearby search of a signed-in caller", async () => {
    const { app } = setup();
    const u = await registerUser(app, "동의안함", "KR-49-01-01", { consents: NO_LOCATION });
    expect(await app.failure(verifyLocal(u.id, HYEOPJAE))).toEqual({ _tag: "LocationConsentRequired" });
    expect(await app.failure(askQuestion({ ...QUESTION, authorId: u.id, location: HYEOPJAE }))).toEqual({
      _tag: "LocationConsentRequired",
    });
    expect(await app.failure(nearbyQuestionsFor({ ...HYEOPJAE, radiusKm: 1 }, u.id))).toEqual({ _tag: "LocationConsentRequired" });
    // A question without a location and an anonymous nearby search need nothing.
    await ask(app, u.id);
    expect((await app.run(nearbyQuestionsFor({ ...HYEOPJAE, radiusKm: 1 }, null))).items).toEqual([]);
    expect(await app.run(listLocationUses(u.id))).toEqual([]);
  });

  it("need a guardian's consent for someone who may be under 14 (the birth year's conservative reading)", async () => {
    const { app } = setup();
    const year = T0.getUTCFullYear();
    const child = await registerUser(app, "어린이", "KR-49-01-01", {
      consents: { terms: true, privacy: true, location: true },
      birthYear: year - 14,
    });
    expect(await app.failure(verifyLocal(child.id, HYEOPJAE))).toEqual({ _tag: "GuardianConsentRequired" });
    await app.run(setConsent(child.id, "guardian", true));
    expect((await app.run(verifyLocal(child.id, HYEOPJAE))).verificationLevel).toBe(1);
    const adult = await registerUser(app, "어른", "KR-49-01-01", { birthYear: year - 15 });
    expect((await app.run(verifyLocal(adult.id, HYEOPJAE))).verificationLevel).toBe(1);
  });

  it("write a record of every use (whose, when, what for, to whom), keep no coordinates, and are purged after 6 months", async () => {
    const { app } = setup();
    const u = await registerUser(app, "기록", "KR-49-01-01");
    await app.run(verifyLocal(u.id, HYEOPJAE));
    app.clock.advance(1000);
    const q = await ask(app, u.id, { regionCode: undefined, location: HYEOPJAE });
    app.clock.advance(1000);
    await app.run(nearbyQuestionsFor({ ...HYEOPJAE, radiusKm: 1 }, u.id));
    const records = await app.run(listLocationUses(u.id));
    expect(records.map(({ purpose, recipient, reference, usedAt }) => ({ purpose, recipient, reference, usedAt }))).toEqual([
      { purpose: "nearby_search", recipient: null, reference: null, usedAt: new Date(T0.getTime() + 2000) },
      { purpose: "question_location", recipient: "public", reference: q.id, usedAt: new Date(T0.getTime() + 1000) },
      { purpose: "verification", recipient: null, reference: null, usedAt: T0 },
    ]);
    // Verification keeps no coordinates: the account holds the day of the check, nothing of the position.
    const user = await app.run(UserRepository.use((r) => r.findById(u.id)));
    expect(JSON.stringify(user)).not.toMatch(/33\.39|126\.23/);
    expect(user?.verifiedDays).toEqual(["2026-11-01"]);
    expect(JSON.stringify(records)).not.toMatch(/33\.39|126\.23/);
    app.clock.advance(182 * DAY);
    expect(await app.run(purgeLocationRecords())).toBe(0);
    app.clock.advance(2 * DAY);
    expect(await app.run(purgeLocationRecords())).toBe(3);
    expect(await app.run(listLocationUses(u.id))).toEqual([]);
  });

  it("withdrawing location consent destroys the person's location data and refuses location features from then on", async () => {
    const { app } = setup();
    const u = await registerUser(app, "철회", "KR-49-01-01");
    await app.run(verifyLocal(u.id, HYEOPJAE));
    const q = await ask(app, u.id, { regionCode: undefined, location: { ...HYEOPJAE, description: "협재 입구" } });
    await app.run(setConsent(u.id, "location", false));
    expect(await app.run(listLocationUses(u.id))).toEqual([]);
    const { question } = await app.run(getQuestion(q.id, null));
    expect(question.location).toBeNull();
    expect(question.locationDescription).toBeNull();
    expect(question.regionCode).toBe("KR-49-01-01");
    expect((await app.run(UserRepository.use((r) => r.findById(u.id))))?.verifiedDays).toEqual([]);
    expect(await app.failure(verifyLocal(u.id, HYEOPJAE))).toEqual({ _tag: "LocationConsentRequired" });
  });
});

describe("export", () => {
  it("returns everything stored about the caller", async () => {
    const { app, upload } = setup();
    const asker = await registerUser(app, "내보내기", "KR-49-01-01");
    const local = await registerUser(app, "이웃", "KR-49-01-01");
    const key = await upload(asker.id);
    const q = await ask(app, asker.id, { images: [key], regionCode: undefined, location: HYEOPJAE });
    const a = await app.run(postAnswer({ questionId: q.id, authorId: local.id, content: "협재 공영주차장이 가까워요, 오전엔 여유." }));
    const mine = await app.run(postAnswer({ questionId: q.id, authorId: asker.id, content: "감사합니다, 오전에 가 볼게요!" }));
    await app.run(acceptAnswer({ answerId: a.id, actorId: asker.id }));
    const data = await app.run(exportData(asker.id));
    expect(data.user).toMatchObject({ id: asker.id, nickname: "내보내기" });
    expect(data.questions.map((x) => x.id)).toEqual([q.id]);
    expect(data.answers.map((x) => x.id)).toEqual([mine.id]);
    expect(data.ledger.length).toBeGreaterThan(0);
    expect(data.badges.length).toBeGreaterThan(0);
    expect(data.consents.find((c) => c.kind === "location")?.granted).toBe(true);
    expect(data.consentHistory.length).toBe(5);
    expect(data.locationUses.map((r) => r.purpose)).toEqual(["question_location"]);
    expect(data.sessions).toHaveLength(1);
    expect(JSON.stringify(data.sessions)).not.toContain(asker.token);
    expect(data.images).toEqual([
      expect.objectContaining({ upload: expect.objectContaining({ key }), links: expect.objectContaining({ key }) }),
    ]);
    expect(data.revisions).toEqual([]);
    const theirs = await app.run(exportData(local.id));
    expect(theirs.notifications.length).toBeGreaterThan(0);
  });
});

describe("account deletion", () => {
  it("is effective at once: sessions, email, nickname, profile, consents, location data and images gone; posts stay as 탈퇴한 사용자", async () => {
    const { app, media, upload } = setup();
    const leaver = await registerUser(app, "떠나는이", "KR-49-01-01");
    const other = await registerUser(app, "남는이", "KR-49-01-01");
    const leaverEmail = (await app.run(UserRepository.use((r) => r.findById(leaver.id))))?.email ?? "";
    const second = await app.run(login({ email: leaverEmail, password: PASSWORD }));
    await app.run(verifyLocal(leaver.id, HYEOPJAE));
    const key = await upload(leaver.id);
    const q = await ask(app, leaver.id, { images: [key], regionCode: undefined, location: HYEOPJAE });
    const theirQ = await ask(app, other.id);
    const a = await app.run(
      postAnswer({ questionId: theirQ.id, authorId: leaver.id, content: "저도 궁금했는데 흑돼지는 애월 쪽이 좋아요." }),
    );
    await app.run(acceptAnswer({ answerId: a.id, actorId: other.id }));
    expect(media.objects.size).toBeGreaterThan(0);
    const ledgerBefore = await app.run(LedgerRepository.use((l) => l.history(leaver.id, undefined, 100)));
    expect(ledgerBefore.length).toBeGreaterThan(0);

    expect(await app.failure(deleteAccount(leaver.id, "틀린 비밀번호입니다"))).toEqual({ _tag: "AccountPasswordWrong" });
    const result = await app.run(deleteAccount(leaver.id, PASSWORD));
    expect(result).toMatchObject({ sessionsEnded: 2, questionsKept: 1, answersKept: 1, imagesRemoved: 1 });

    // Sessions: none resolves, none is listed.
    for (const token of [leaver.token, second.session.token])
      expect(await app.run(SessionStore.use((s) => s.resolve(token)))).toBeUndefined();
    expect(await app.run(SessionStore.use((s) => s.listFor(leaver.id)))).toEqual([]);
    // The account row: a pseudonym with nothing personal left.
    const row = await app.run(UserRepository.use((r) => r.findById(leaver.id)));
    expect(row).toMatchObject({
      nickname: DELETED_AUTHOR_NICKNAME,
      regionCode: null,
      birthYear: null,
      verifiedDays: [],
      verificationLevel: 0,
    });
    expect(row?.email).not.toContain("떠나는이");
    expect(JSON.stringify(row)).not.toContain(leaverEmail);
    expect(await app.run(UserRepository.use((r) => r.findByEmail(leaverEmail)))).toBeUndefined();
    // Consents, location records, notifications, badges: destroyed. Images: gone from the store and the records.
    expect(await app.run(ConsentRepository.use((c) => c.historyOf(leaver.id)))).toEqual([]);
    expect(await app.run(listLocationUses(leaver.id))).toEqual([]);
    expect(await app.run(NotificationRepository.use((n) => n.list(leaver.id, { unreadOnly: false, limit: 100 })))).toEqual([]);
    expect(await app.run(BadgeRepository.use((b) => b.listByUser(leaver.id)))).toEqual([]);
    expect(await app.run(MediaRepository.use((m) => m.ofOwner(leaver.id)))).toEqual([]);
    expect(media.objects.size).toBe(0);
    // Posts stay, by 탈퇴한 사용자, without coordinates; the ledger stays, pseudonymised.
    const page = await app.run(getQuestion(q.id, null));
    expect(page.question.location).toBeNull();
    expect(page.authors.find((u) => u.id === leaver.id)?.nickname).toBe(DELETED_AUTHOR_NICKNAME);
    const theirs = await app.run(getQuestion(theirQ.id, null));
    expect(theirs.answers.map((x) => theirs.authors.find((u) => u.id === x.authorId)?.nickname)).toEqual([DELETED_AUTHOR_NICKNAME]);
    expect(await app.run(LedgerRepository.use((l) => l.history(leaver.id, undefined, 100)))).toEqual(ledgerBefore);
    // The events that refresh pages and search documents naming the author.
    const events = (await app.run(EventLog.use((l) => l.pending("search-engine", 1000)))).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining([
        { _tag: "AuthorChanged", userId: leaver.id },
        expect.objectContaining({
          _tag: "QuestionChanged",
          questionId: q.id,
          text: expect.objectContaining({ authorNickname: DELETED_AUTHOR_NICKNAME }),
        }),
        { _tag: "QuestionChanged", questionId: theirQ.id },
      ]),
    );
    // The deletion record holds no personal data.
    const deletions = await app.run(PrivacyAudit.use((p) => p.deletionsBetween(T0, new Date(T0.getTime() + DAY))));
    expect(deletions).toEqual([{ at: T0, questionsKept: 1, answersKept: 1, ledgerRowsKept: ledgerBefore.length, imagesRemoved: 1 }]);
    // The email is free for a new account at once; the old password opens nothing.
    expect(await app.failure(login({ email: leaverEmail, password: PASSWORD }))).toEqual({ _tag: "InvalidCredentials" });
    const again = await app.run(register({ email: leaverEmail, password: PASSWORD, nickname: "돌아온이" }));
    expect(again.user.id).not.toBe(leaver.id);
    expect(await app.failure(deleteAccount(leaver.id, PASSWORD))).toEqual({ _tag: "UserNotFound" });
  });
});

describe("administrators' reads and the breach report", () => {
  it("audits every admin read of personal data and lists the people a window touched", async () => {
    const { app } = setup();
    const admin = await registerUser(app, "관리자", "KR-49-01-01", { consents: NO_LOCATION });
    const subject = await registerUser(app, "대상", "KR-49-01-01", { consents: NO_LOCATION });
    expect(await app.failure(adminUserData(subject.id, admin.id))).toEqual({ _tag: "NotAdmin" });
    await app.run(grantRole(admin.email, "admin"));
    app.clock.advance(DAY);
    const seen = await app.run(adminUserData(admin.id, subject.id));
    expect(seen.user.id).toBe(subject.id);
    expect(await app.run(PrivacyAudit.use((p) => p.readsOf(subject.id)))).toEqual([
      { adminId: admin.id, subjectUserId: subject.id, what: "admin.userData", at: new Date(T0.getTime() + DAY) },
    ]);
    app.clock.advance(DAY);
    const located = await registerUser(app, "위치", "KR-49-01-01");
    await app.run(verifyLocal(located.id, HYEOPJAE));
    const now = await app.run(Clock.use((c) => c.now));
    // The window of the admin's read: the subject, by that read (no session was seen in it).
    const first = await app.run(breachReport(new Date(T0.getTime() + DAY), new Date(T0.getTime() + DAY + 1)));
    expect(first.people).toEqual([{ userId: subject.id, sources: ["admin_read"] }]);
    const later = await app.run(breachReport(now, new Date(now.getTime() + 1)));
    expect(later.people).toEqual(expect.arrayContaining([{ userId: located.id, sources: ["location_use", "session"] }]));
    expect(later.people.some((p) => p.sources.includes("admin_read"))).toBe(false);
  });
});
