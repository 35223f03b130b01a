import { Effect } from "effect";
import { readSettings } from "../../domain/notification/settings.js";
import { currentConsents } from "../../domain/privacy/consent.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { imageLinks } from "../media/imageLinks.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";
import { Clock } from "../ports/Clock.js";
import { ConsentRepository } from "../ports/ConsentRepository.js";
import { FollowRepository } from "../ports/FollowRepository.js";
import { LedgerRepository } from "../ports/LedgerRepository.js";
import { LocationLog } from "../ports/LocationLog.js";
import { MediaRepository } from "../ports/MediaRepository.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";
import { PersonalData } from "../ports/PersonalData.js";
import { RevisionRepository } from "../ports/RevisionRepository.js";
import { SessionStore } from "../ports/SessionStore.js";
import { UserRepository } from "../ports/UserRepository.js";

/** Bounds of one export (far above any real account; a larger one would be paged). */
const MAX_ROWS = 100_000;

/**
 * Everything stored about the caller (개인정보 보호법 제35조, access without delay): the account, what they
 * wrote, their ledger, badges, notifications, consents with their history, location-use records, sessions
 * (metadata only: never a token), notification settings and follows, the revisions of their posts and their images with download links.
 */
export const exportData = Effect.fn("exportData")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  const exportedAt = yield* (yield* Clock).now;
  const { questions, answers } = yield* (yield* PersonalData).contentOf(userId);
  // One read per post: an export is rare, and most posts have no revisions.
  const revisionStore = yield* RevisionRepository;
  const targets = [
    ...questions.map((q) => ({ type: "question" as const, id: q.id })),
    ...answers.map((a) => ({ type: "answer" as const, id: a.id })),
  ];
  const revisions = (yield* Effect.forEach(targets, (t) => revisionStore.list(t), { concurrency: 4 })).flat();
  const ledger = yield* (yield* LedgerRepository).history(userId, undefined, MAX_ROWS);
  const badges = yield* (yield* BadgeRepository).listByUser(userId);
  const notifications = yield* (yield* NotificationRepository).list(userId, { unreadOnly: false, limit: MAX_ROWS });
  const consentHistory = yield* (yield* ConsentRepository).historyOf(userId);
  const locationUses = yield* (yield* LocationLog).listFor(userId, MAX_ROWS);
  const sessions = yield* (yield* SessionStore).listFor(userId);
  const follows = yield* (yield* FollowRepository).list(userId);
  const uploads = yield* (yield* MediaRepository).ofOwner(userId);
  const links = yield* imageLinks(uploads.filter((u) => u.status === "confirmed").map((u) => u.key));
  return {
    exportedAt,
    user,
    questions,
    answers,
    revisions,
    ledger,
    badges,
    notifications,
    consents: currentConsents(consentHistory),
    consentHistory,
    locationUses,
    sessions,
    notificationSettings: readSettings(user.notificationSettings),
    follows,
    images: uploads.map((u) => ({ upload: u, links: links.get(u.key) ?? null })),
  };
});
