import type { Answer } from "../../domain/answer/answer.js";
import type { LedgerEntry } from "../../domain/ledger/ledger.js";
import type { Notification } from "../../domain/notification/notification.js";
import type { Category } from "../../domain/question/category.js";
import type { Question } from "../../domain/question/question.js";
import { AnswerId, NotificationId, QuestionId, UserId } from "../../domain/shared/ids.js";
import type { User, VerificationLevel } from "../../domain/user/user.js";

/** Row shapes as pg returns them, and their mapping to domain values. */
export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  nickname: string;
  region_code: string | null;
  verification_level: number;
  verified_days: string[];
  point_balance: number;
  total_earned_points: number;
  question_count: number;
  answer_count: number;
  accepted_answer_count: number;
  notification_settings: Record<string, boolean>;
  privacy_settings: Record<string, boolean>;
  created_at: Date;
  updated_at: Date;
  last_active_at: Date;
  deleted_at: Date | null;
}

export const toUser = (r: UserRow): User => ({
  id: UserId(r.id),
  email: r.email,
  passwordHash: r.password_hash,
  nickname: r.nickname,
  regionCode: r.region_code,
  verificationLevel: r.verification_level as VerificationLevel,
  verifiedDays: r.verified_days,
  pointBalance: r.point_balance,
  totalEarnedPoints: r.total_earned_points,
  questionCount: r.question_count,
  answerCount: r.answer_count,
  acceptedAnswerCount: r.accepted_answer_count,
  notificationSettings: r.notification_settings,
  privacySettings: r.privacy_settings,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastActiveAt: r.last_active_at,
  deletedAt: r.deleted_at,
});

export interface QuestionRow {
  id: string;
  user_id: string;
  title: string;
  content: string;
  hashtags: string[];
  region_code: string;
  category: string;
  urgency: Question["urgency"];
  status: Question["status"];
  lat: number | null;
  lng: number | null;
  location_description: string | null;
  view_count: number;
  like_count: number;
  answer_count: number;
  accepted_answer_id: string | null;
  accepted_at: Date | null;
  images: string[];
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export const QUESTION_COLUMNS =
  "id, user_id, title, content, hashtags, region_code, category, urgency, status, lat, lng, location_description, view_count, like_count, answer_count, accepted_answer_id, accepted_at, images, created_at, updated_at, deleted_at";

export const toQuestion = (r: QuestionRow): Question => ({
  id: QuestionId(r.id),
  authorId: UserId(r.user_id),
  title: r.title,
  content: r.content,
  hashtags: r.hashtags,
  regionCode: r.region_code,
  category: r.category as Category,
  urgency: r.urgency,
  status: r.status,
  location: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
  locationDescription: r.location_description,
  images: r.images,
  viewCount: r.view_count,
  likeCount: r.like_count,
  answerCount: r.answer_count,
  acceptedAnswerId: r.accepted_answer_id === null ? null : AnswerId(r.accepted_answer_id),
  acceptedAt: r.accepted_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export interface AnswerRow {
  id: string;
  question_id: string;
  user_id: string;
  content: string;
  images: string[];
  like_count: number;
  quality_score: number;
  is_accepted: boolean;
  accepted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export const ANSWER_COLUMNS =
  "id, question_id, user_id, content, images, like_count, quality_score, is_accepted, accepted_at, created_at, updated_at, deleted_at";

export const toAnswer = (r: AnswerRow): Answer => ({
  id: AnswerId(r.id),
  questionId: QuestionId(r.question_id),
  authorId: UserId(r.user_id),
  content: r.content,
  images: r.images,
  likeCount: r.like_count,
  qualityScore: r.quality_score,
  isAccepted: r.is_accepted,
  acceptedAt: r.accepted_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export interface EntryRow {
  id: string;
  user_id: string;
  amount: number;
  transaction_type: LedgerEntry["type"];
  description: string;
  reference_type: string;
  reference_id: string;
  balance_before: number;
  balance_after: number;
  created_at: Date;
}

export const toEntry = (r: EntryRow): LedgerEntry => ({
  id: r.id,
  userId: UserId(r.user_id),
  type: r.transaction_type,
  amount: r.amount,
  reference: { type: r.reference_type, id: r.reference_id },
  description: r.description,
  balanceBefore: r.balance_before,
  balanceAfter: r.balance_after,
  createdAt: r.created_at,
});

export interface NotificationRow {
  id: string;
  user_id: string;
  type: Notification["type"];
  title: string;
  message: string;
  data: Notification["data"];
  is_read: boolean;
  created_at: Date;
}

export const toNotification = (r: NotificationRow): Notification => ({
  id: NotificationId(r.id),
  userId: UserId(r.user_id),
  type: r.type,
  title: r.title,
  message: r.message,
  data: r.data,
  isRead: r.is_read,
  createdAt: r.created_at,
});
