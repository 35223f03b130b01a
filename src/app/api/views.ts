import type { Answer } from "../../domain/answer/answer.js";
import { badgeRule } from "../../domain/badge/badge.js";
import type { LedgerEntry } from "../../domain/ledger/ledger.js";
import type { Notification } from "../../domain/notification/notification.js";
import { CATEGORY_LABELS } from "../../domain/question/category.js";
import type { Question } from "../../domain/question/question.js";
import type { Region } from "../../domain/region/region.js";
import { isLocalVerified, type User } from "../../domain/user/user.js";

/** Plain JSON for any HTTP client: ISO-8601 timestamps, string ids, no transformer. */
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
  location: q.location ? { ...q.location, description: q.locationDescription } : null,
  images: q.images,
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
