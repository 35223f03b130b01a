import type { Effect } from "effect";
import type { deleteAccount } from "../../application/privacy/deleteAccount.js";
import type { exportData } from "../../application/privacy/exportData.js";
import type { ConsentDecision, ConsentState } from "../../domain/privacy/consent.js";
import type { LocationUseRecord } from "../../domain/privacy/location.js";
import { answerView, badgeView, followView, ledgerEntryView, meView, notificationView, questionView, revisionView } from "./views.js";

type Result<UseCase extends (...args: never[]) => Effect.Effect<unknown, unknown, unknown>> = Effect.Success<ReturnType<UseCase>>;
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export const consentView = (c: ConsentState) => ({ kind: c.kind, granted: c.granted, version: c.version, recordedAt: iso(c.recordedAt) });
const decisionView = (d: ConsentDecision) => ({ kind: d.kind, granted: d.granted, version: d.version, recordedAt: iso(d.recordedAt) });
export const consentsView = (states: readonly ConsentState[]) => ({ consents: states.map(consentView) });

export const locationUseView = (r: LocationUseRecord) => ({
  id: r.id,
  purpose: r.purpose,
  recipient: r.recipient,
  reference: r.reference,
  usedAt: iso(r.usedAt),
});

/** The whole export as plain JSON: the same shapes the other procedures answer, plus the private fields. */
export const exportView = (r: Result<typeof exportData>) => ({
  exportedAt: iso(r.exportedAt),
  profile: { ...meView(r.user), birthYear: r.user.birthYear, verifiedDays: r.user.verifiedDays },
  questions: r.questions.map((q) => ({ ...questionView(q), deletedAt: iso(q.deletedAt) })),
  answers: r.answers.map((a) => ({ ...answerView(a), deletedAt: iso(a.deletedAt) })),
  revisions: r.revisions.map((v) => ({ targetType: v.target.type, targetId: v.target.id, ...revisionView(v) })),
  ledger: r.ledger.map(ledgerEntryView),
  badges: r.badges.map(badgeView),
  notifications: r.notifications.map(notificationView),
  consents: r.consents.map(consentView),
  consentHistory: r.consentHistory.map(decisionView),
  locationUses: r.locationUses.map(locationUseView),
  sessions: r.sessions.map((s) => ({
    id: s.id,
    userAgent: s.userAgent,
    createdAt: iso(s.createdAt),
    lastSeenAt: iso(s.lastSeenAt),
    expiresAt: iso(s.expiresAt),
  })),
  notificationSettings: r.notificationSettings,
  follows: r.follows.map(followView),
  images: r.images.map(({ upload: u, links }) => ({
    key: u.key,
    contentType: u.contentType,
    size: u.size,
    status: u.status,
    attachedTo: u.attachedTo,
    createdAt: iso(u.createdAt),
    url: links?.url ?? null,
    thumbnailUrl: links?.thumbnailUrl ?? null,
  })),
  imagesArchive: EXPORT_IMAGES_PATH,
});

/** Where the caller downloads all their images as one ZIP (src/app/http/exportArchive.ts). */
export const EXPORT_IMAGES_PATH = "/api/v1/me/export/images.zip";

export const deletionView = (r: Result<typeof deleteAccount>) => ({
  deletedAt: iso(r.deletedAt),
  sessionsEnded: r.sessionsEnded,
  questionsKept: r.questionsKept,
  answersKept: r.answersKept,
  imagesRemoved: r.imagesRemoved,
});
