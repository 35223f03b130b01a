import { Effect, Layer } from "effect";
import { ConsentRepository } from "../../application/ports/ConsentRepository.js";
import { LocationLog } from "../../application/ports/LocationLog.js";
import { PersonalData } from "../../application/ports/PersonalData.js";
import { type AccountDeletion, type PersonalDataRead, PrivacyAudit, type TouchSource } from "../../application/ports/PrivacyAudit.js";
import type { ConsentDecision } from "../../domain/privacy/consent.js";
import type { LocationUseRecord } from "../../domain/privacy/location.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { UserId } from "../../domain/shared/ids.js";
import { BADGES } from "./InMemoryBadgeRepository.js";
import { ESCALATION_NOTICES } from "./InMemoryEscalationRepository.js";
import { EVENT_LOG } from "./InMemoryEvents.js";
import { HASHTAGS } from "./InMemoryHashtagRepository.js";
import { KEYS } from "./InMemoryIdempotencyStore.js";
import { LEDGER } from "./InMemoryLedgerRepository.js";
import { NOTIFICATIONS } from "./InMemoryNotificationRepository.js";
import { SESSIONS } from "./InMemorySessionStore.js";
import { InMemoryStore, table } from "./InMemoryStore.js";
import { ANSWERS, QUESTIONS } from "./sharedTables.js";

const list = <A>() =>
  table(
    () => [] as A[],
    (rows) => [...rows],
  );
const CONSENTS = list<ConsentDecision>();
const LOCATION_USES = table(
  () => ({ next: 1, rows: [] as LocationUseRecord[] }),
  (t) => ({ next: t.next, rows: [...t.rows] }),
);
const READS = list<PersonalDataRead>();
const DELETIONS = list<AccountDeletion>();

const inWindow = (at: Date, from: Date, to: Date) => at.getTime() >= from.getTime() && at.getTime() < to.getTime();

export const InMemoryConsentRepository = Layer.effect(
  ConsentRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      record: (decisions) => Effect.sync(() => void store.get(CONSENTS).push(...decisions)),
      historyOf: (userId) =>
        Effect.sync(() =>
          store
            .get(CONSENTS)
            .filter((d) => d.userId === userId)
            .reverse(),
        ),
      eraseFor: (userId) =>
        Effect.sync(() => {
          const rows = store.get(CONSENTS);
          const kept = rows.filter((d) => d.userId !== userId);
          const n = rows.length - kept.length;
          rows.splice(0, rows.length, ...kept);
          return n;
        }),
    };
  }),
);

export const InMemoryLocationLog = Layer.effect(
  LocationLog,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const uses = () => store.get(LOCATION_USES);
    const removeWhere = (pick: (r: LocationUseRecord) => boolean) =>
      Effect.sync(() => {
        const t = uses();
        const before = t.rows.length;
        t.rows = t.rows.filter((r) => !pick(r));
        return before - t.rows.length;
      });
    return {
      append: (use) =>
        Effect.sync(() => {
          const t = uses();
          t.rows.push({ ...use, id: String(t.next++) });
        }),
      listFor: (userId, limit) =>
        Effect.sync(() =>
          uses()
            .rows.filter((r) => r.userId === userId)
            .reverse()
            .slice(0, limit),
        ),
      purgeBefore: (before) => removeWhere((r) => r.usedAt.getTime() < before.getTime()),
      eraseFor: (userId) => removeWhere((r) => r.userId === userId),
    };
  }),
);

export const InMemoryPrivacyAudit = Layer.effect(
  PrivacyAudit,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      recordRead: (read) => Effect.sync(() => void store.get(READS).push(read)),
      readsOf: (subjectUserId) => Effect.sync(() => store.get(READS).filter((r) => r.subjectUserId === subjectUserId)),
      recordDeletion: (deletion) => Effect.sync(() => void store.get(DELETIONS).push(deletion)),
      deletionsBetween: (from, to) => Effect.sync(() => store.get(DELETIONS).filter((d) => inWindow(d.at, from, to))),
      touchedBetween: (from, to) =>
        Effect.sync(() => {
          const touched = new Map<string, Set<TouchSource>>();
          const add = (userId: string, source: TouchSource) => touched.set(userId, (touched.get(userId) ?? new Set()).add(source));
          for (const r of store.get(READS)) if (inWindow(r.at, from, to)) add(r.subjectUserId, "admin_read");
          for (const r of store.get(LOCATION_USES).rows) if (inWindow(r.usedAt, from, to)) add(r.userId, "location_use");
          // A session was active in the window when it began before its end and was last seen at or after its start.
          for (const s of store.get(SESSIONS).values())
            if (s.createdAt.getTime() < to.getTime() && s.lastSeenAt.getTime() >= from.getTime()) add(s.userId, "session");
          return [...touched]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([userId, sources]) => ({ userId: UserId(userId), sources: [...sources].sort() }));
        }),
    };
  }),
);

export const InMemoryPersonalData = Layer.effect(
  PersonalData,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const clearLocations = (userId: string) => {
      const questions = store.get(QUESTIONS);
      const changed: QuestionId[] = [];
      for (const q of questions.values())
        if (q.authorId === userId && (q.location !== null || q.locationDescription !== null)) {
          questions.set(q.id, { ...q, location: null, locationDescription: null, locationIsPublic: false });
          changed.push(q.id);
        }
      return changed;
    };
    const deleteWhere = <V>(rows: Map<string, V>, pick: (key: string, v: V) => boolean) => {
      for (const [k, v] of rows) if (pick(k, v)) rows.delete(k);
    };
    return {
      contentOf: (userId) =>
        Effect.sync(() => ({
          questions: [...store.get(QUESTIONS).values()].filter((q) => q.authorId === userId),
          answers: [...store.get(ANSWERS).values()].filter((a) => a.authorId === userId),
        })),
      clearLocations: (userId) => Effect.sync(() => clearLocations(userId)),
      purgeExpired: ({ notificationsBefore, hashtagUsesBefore }) =>
        Effect.sync(() => {
          const notifications = store.get(NOTIFICATIONS);
          const before = notifications.size;
          deleteWhere(notifications, (_, n) => n.createdAt.getTime() < notificationsBefore.getTime());
          const tags = store.get(HASHTAGS);
          const uses = tags.uses.length;
          tags.uses = tags.uses.filter((u) => u.at.getTime() >= hashtagUsesBefore.getTime());
          return { notifications: before - notifications.size, hashtagUses: uses - tags.uses.length };
        }),
      eraseTraces: (userId, replacementNickname) =>
        Effect.sync(() => {
          const log = store.get(EVENT_LOG);
          const theirs = new Set([...store.get(QUESTIONS).values()].filter((q) => q.authorId === userId).map((q) => q.id as string));
          const dropped = log.events.filter(({ event }) => event._tag === "NotificationCreated" && event.notification.userId === userId);
          for (const [consumer, ids] of log.deliveries)
            log.deliveries.set(consumer, new Set([...ids].filter((id) => !dropped.some((e) => e.id === id))));
          log.events = log.events
            .filter((e) => !dropped.includes(e))
            .map((r) =>
              r.event._tag === "QuestionChanged" && r.event.text && theirs.has(r.event.questionId)
                ? { ...r, event: { ...r.event, text: { ...r.event.text, authorNickname: replacementNickname } } }
                : r,
            );
          deleteWhere(store.get(NOTIFICATIONS), (_, n) => n.userId === userId);
          deleteWhere(store.get(BADGES), (_, b) => b.userId === userId);
          deleteWhere(store.get(ESCALATION_NOTICES), (_, n) => n.userId === userId);
          deleteWhere(store.get(KEYS), (k) => (JSON.parse(k) as [string, string])[0] === userId);
          clearLocations(userId);
          const questionIds = [...store.get(QUESTIONS).values()].filter((q) => q.authorId === userId).map((q) => q.id);
          const answers = [...store.get(ANSWERS).values()].filter((a) => a.authorId === userId);
          return {
            questionIds,
            answeredQuestionIds: [...new Set(answers.map((a) => a.questionId))],
            answers: answers.length,
            ledgerRows: store.get(LEDGER).entries.filter((e) => e.userId === userId).length,
          };
        }),
    };
  }),
);
