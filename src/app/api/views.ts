import type { Effect } from "effect";
import { REGION_ATTRIBUTION } from "../../adapters/region-data/jejuRegions.js";
import type { verifyLocal } from "../../application/account/verifyLocal.js";
import type { acceptAnswer } from "../../application/answer/acceptAnswer.js";
import type { ImageLink } from "../../application/media/imageLinks.js";
import type { QueueItem } from "../../application/moderation/moderationQueue.js";
import type { PresignedUpload } from "../../application/ports/MediaStore.js";
import type { PageAuthor } from "../../application/ports/QuestionPages.js";
import type { Revision } from "../../application/ports/RevisionRepository.js";
import type { Session, SessionRecord } from "../../application/ports/SessionStore.js";
import type { getQuestion } from "../../application/question/getQuestion.js";
import type { nearbyQuestions } from "../../application/question/nearbyQuestions.js";
import type { similarQuestions } from "../../application/question/similarQuestions.js";
import type { searchQuestions } from "../../application/search/searchQuestions.js";
import type { Answer } from "../../domain/answer/answer.js";
import { badgeRule } from "../../domain/badge/badge.js";
import type { LedgerEntry } from "../../domain/ledger/ledger.js";
import type { MediaUpload } from "../../domain/media/media.js";
import type { Follow } from "../../domain/notification/follow.js";
import type { Notification } from "../../domain/notification/notification.js";
import { CATEGORY_LABELS, isCategory } from "../../domain/question/category.js";
import type { Question } from "../../domain/question/question.js";
import type { Region } from "../../domain/region/region.js";
import { isLocalVerified, type User } from "../../domain/user/user.js";
import type { Webhook, WebhookDelivery } from "../../domain/webhook/webhook.js";

/**
 * What every transport answers: plain JSON for any HTTP client (ISO-8601 timestamps, string ids, no
 * transformer), built here once from the use cases' results.
 */
// What a use case returns.
type Result<UseCase extends (...args: never[]) => Effect.Effect<unknown, unknown, unknown>> = Effect.Success<ReturnType<UseCase>>;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export const meView = (u: User) => ({
  id: u.id,
  email: u.email,
  nickname: u.nickname,
  regionCode: u.regionCode,
  verificationLevel: u.verificationLevel,
  isLocalVerified: isLocalVerified(u),
  pointBalance: u.pointBalance,
  totalEarnedPoints: u.totalEarnedPoints,
  counters: { questions: u.questionCount, answers: u.answerCount, acceptedAnswers: u.acceptedAnswerCount },
  notificationSettings: u.notificationSettings,
  privacySettings: u.privacySettings,
  createdAt: iso(u.createdAt),
  lastActiveAt: iso(u.lastActiveAt),
});

/** A follow as its owner sees it (`label`: the region's name or #tag, when known). */
export const followView = (f: Follow & { readonly label?: string }) => ({
  id: f.id,
  kind: f.kind,
  target: f.target,
  ...(f.label === undefined ? {} : { label: f.label }),
  createdAt: iso(f.createdAt),
  lastNotifiedAt: iso(f.lastNotifiedAt),
});

export const publicUserView = (u: User) => ({
  id: u.id,
  nickname: u.nickname,
  regionCode: u.privacySettings.showRegion === false ? null : u.regionCode,
  verificationLevel: u.verificationLevel,
  isLocalVerified: isLocalVerified(u),
  counters: { questions: u.questionCount, answers: u.answerCount, acceptedAnswers: u.acceptedAnswerCount },
  createdAt: iso(u.createdAt),
});

export const questionView = (q: Question) => ({
  id: q.id,
  authorId: q.authorId,
  title: q.title,
  content: q.content,
  hashtags: q.hashtags,
  regionCode: q.regionCode,
  category: q.category,
  categoryLabel: CATEGORY_LABELS[q.category].ko,
  urgency: q.urgency,
  status: q.status,
  location: q.location ? { ...q.location, description: q.locationDescription, publicPlace: q.locationIsPublic } : null,
  images: q.images,
  /** The served versions of `images` (filled in by withImageLinks, src/app/api/media.ts). */
  imageUrls: [] as ImageLink[],
  viewCount: q.viewCount,
  likeCount: q.likeCount,
  answerCount: q.answerCount,
  acceptedAnswerId: q.acceptedAnswerId,
  acceptedAt: iso(q.acceptedAt),
  createdAt: iso(q.createdAt),
  updatedAt: iso(q.updatedAt),
});

export const answerView = (a: Answer) => ({
  id: a.id,
  questionId: a.questionId,
  authorId: a.authorId,
  content: a.content,
  images: a.images,
  imageUrls: [] as ImageLink[],
  likeCount: a.likeCount,
  qualityScore: a.qualityScore,
  isAccepted: a.isAccepted,
  acceptedAt: iso(a.acceptedAt),
  createdAt: iso(a.createdAt),
  updatedAt: iso(a.updatedAt),
});

export const ledgerEntryView = (e: LedgerEntry) => ({
  id: e.id,
  type: e.type,
  amount: e.amount,
  balanceBefore: e.balanceBefore,
  balanceAfter: e.balanceAfter,
  reference: e.reference,
  description: e.description,
  createdAt: iso(e.createdAt),
});

export const notificationView = (n: Notification) => ({
  id: n.id,
  type: n.type,
  title: n.title,
  message: n.message,
  data: n.data,
  isRead: n.isRead,
  createdAt: iso(n.createdAt),
});

export const badgeView = (b: { type: string; level: number; earnedAt: Date }) => {
  const rule = badgeRule(b.type);
  return {
    type: b.type,
    level: b.level,
    name: rule?.name ?? b.type,
    description: rule?.description ?? "",
    maxLevel: rule?.thresholds.length ?? b.level,
    earnedAt: iso(b.earnedAt),
  };
};

export const regionView = (r: Region) => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  type: r.type,
  parentCode: r.parentCode,
  center: r.center,
  codeMois: r.attributes.codeMois ?? null,
});

/** Signing up or in: the user, and the session's token for clients that send it as a bearer token. */
export const sessionView = (s: { readonly user: User; readonly session: Session }) => ({
  user: meView(s.user),
  token: s.session.token,
  expiresAt: s.session.expiresAt.toISOString(),
});

/** One of the caller's signed-in devices (auth.sessions). */
export const deviceView = (s: SessionRecord & { readonly current: boolean; readonly idleExpiresAt: Date }) => ({
  id: s.id,
  current: s.current,
  userAgent: s.userAgent,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: new Date(Math.min(s.idleExpiresAt.getTime(), s.expiresAt.getTime())).toISOString(),
});

/** A page author's public profile, in the shape publicUserView gives. */
const pageAuthorView = (u: PageAuthor) => ({
  id: u.id,
  nickname: u.nickname,
  regionCode: u.regionCode,
  verificationLevel: u.verificationLevel,
  isLocalVerified: isLocalVerified(u),
  counters: { questions: u.questionCount, answers: u.answerCount, acceptedAnswers: u.acceptedAnswerCount },
  createdAt: u.createdAt,
});

/**
 * A question with its answers, each with its author's public profile (null for an author gone since). The
 * page's timestamps are already strings: nothing is converted on the way.
 */
export const questionDetailView = ({ question: q, answers, authors }: Result<typeof getQuestion>) => {
  const byId = new Map(authors.map((u) => [u.id, u]));
  const author = (userId: string) => {
    const u = byId.get(userId);
    return u ? pageAuthorView(u) : null;
  };
  return {
    id: q.id,
    authorId: q.authorId,
    title: q.title,
    content: q.content,
    hashtags: q.hashtags,
    regionCode: q.regionCode,
    category: q.category,
    categoryLabel: CATEGORY_LABELS[q.category].ko,
    urgency: q.urgency,
    status: q.status,
    location: q.location ? { ...q.location, description: q.locationDescription, publicPlace: q.locationIsPublic } : null,
    images: q.images,
    imageUrls: [] as ImageLink[],
    viewCount: q.viewCount,
    likeCount: q.likeCount,
    answerCount: q.answerCount,
    acceptedAnswerId: q.acceptedAnswerId,
    acceptedAt: q.acceptedAt,
    createdAt: q.createdAt,
    updatedAt: q.updatedAt,
    author: author(q.authorId),
    answers: answers.map((a) => ({
      id: a.id,
      questionId: a.questionId,
      authorId: a.authorId,
      content: a.content,
      images: a.images,
      imageUrls: [] as ImageLink[],
      likeCount: a.likeCount,
      qualityScore: a.qualityScore,
      isAccepted: a.isAccepted,
      acceptedAt: a.acceptedAt,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      author: author(a.authorId),
    })),
  };
};

export const nearbyView = ({ items }: Result<typeof nearbyQuestions>) => ({
  items: items.map((i) => ({ ...questionView(i.question), distanceKm: Math.round(i.distanceKm * 1000) / 1000 })),
});

export const similarView = (r: Result<typeof similarQuestions>) => ({
  questions: r.questions.map((x) => ({
    ...questionView(x.question),
    similarity: Math.round(x.score * 1000) / 1000,
    distanceKm: x.distanceKm === null ? null : Math.round(x.distanceKm * 1000) / 1000,
    nearDuplicate: x.nearDuplicate,
  })),
  // The same question asked at the same place in the last hours, if one is among them: the form can point to it.
  nearDuplicate: r.nearDuplicate
    ? { id: r.nearDuplicate.question.id, title: r.nearDuplicate.question.title, createdAt: iso(r.nearDuplicate.question.createdAt) }
    : null,
  degraded: r.degraded,
});

export const acceptanceView = (r: Result<typeof acceptAnswer>) => ({
  question: questionView(r.question),
  answer: answerView(r.answer),
  pointsAwarded: r.pointsAwarded,
});

export const verificationView = (r: Result<typeof verifyLocal>) => ({
  verificationLevel: r.verificationLevel,
  previousLevel: r.previousLevel,
  isLocalVerified: isLocalVerified(r),
  region: regionView(r.region),
});

/** Regions with the attribution their boundaries' licence asks for. */
export const regionListView = (regions: readonly Region[]) => ({ regions: regions.map(regionView), attribution: REGION_ATTRIBUTION });

export const searchResultView = (r: Result<typeof searchQuestions>) => ({
  hits: r.hits.map((h) => ({ ...questionView(h.question), score: h.score, distanceKm: h.distanceKm, highlight: h.highlight })),
  total: r.total,
  typoTolerant: r.typoTolerant,
  // Fewer than a handful matched every term: these match most of them (full matches first).
  relaxed: r.relaxed,
  facets: {
    categories: r.facets.categories.map((c) => ({ ...c, label: isCategory(c.key) ? CATEGORY_LABELS[c.key].ko : c.key })),
    regions: r.facets.regions,
    hashtags: r.facets.hashtags,
  },
  tookMs: r.tookMs,
  // PostgreSQL answered because the engine failed, was slow or is resting (circuit open).
  degraded: r.degraded,
});

/** A page of a list, each item in its view. */
export const pageView = <T, V>(page: { readonly items: readonly T[]; readonly nextCursor: string | null }, view: (item: T) => V) => ({
  items: page.items.map(view),
  nextCursor: page.nextCursor,
});

/** An upload as media.createUpload answers it: the key to attach later, and where to PUT the bytes. */
export const uploadView = (r: { readonly key: string; readonly upload: PresignedUpload }) => ({
  key: r.key,
  upload: { method: r.upload.method, url: r.upload.url, headers: r.upload.headers, expiresAt: r.upload.expiresAt.toISOString() },
});

/** A checked, re-encoded image with its served URLs. */
export const mediaView = (u: MediaUpload, link: ImageLink | undefined) => ({
  key: u.key,
  status: u.status,
  width: u.width,
  height: u.height,
  url: link?.url ?? null,
  thumbnailUrl: link?.thumbnailUrl ?? null,
});

/** One version of a post's text (question.revisions, answer.revisions). */
export const revisionView = (r: Revision) => ({
  revision: r.revision,
  editorId: r.editorId,
  title: r.title,
  content: r.content,
  hashtags: r.hashtags,
  regionCode: r.regionCode,
  createdAt: r.createdAt.toISOString(),
});

/** A post waiting for a moderator (moderation.queue). */
export const queueItemView = (item: QueueItem) => ({
  targetType: item.review.target.type,
  targetId: item.review.target.id,
  questionId: item.questionId,
  authorId: item.review.authorId,
  cause: item.review.cause,
  hidden: item.review.hidden,
  flagCount: item.flagCount,
  text: item.text,
  openedAt: item.review.openedAt.toISOString(),
});

/** A webhook as admins see it: never its secret (shown once, by webhook.create). */
export const webhookView = (w: Webhook) => ({
  id: w.id,
  regionCode: w.regionCode,
  event: w.event,
  url: w.url,
  createdBy: w.createdBy,
  createdAt: w.createdAt.toISOString(),
});

export const webhookDeliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  webhookId: d.webhookId,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  payload: d.payload,
});
