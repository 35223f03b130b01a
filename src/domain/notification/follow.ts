import { err, ok, type Result } from "neverthrow";
import { normalizeHashtag } from "../hashtag/hashtag.js";
import type { RegionNotFound } from "../question/question.js";
import { activeRegion, type RegionCatalog } from "../region/region.js";
import type { UserId } from "../shared/ids.js";
import type { NotificationDraft } from "./notification.js";

/** What a user follows: a region (with its sub-regions) or a hashtag (normalized as questions store them). */
export type FollowKind = "region" | "hashtag";
export const FOLLOW_KINDS = ["region", "hashtag"] as const;

export interface Follow {
  readonly id: string;
  readonly userId: UserId;
  readonly kind: FollowKind;
  /** A region code, or a normalized hashtag. */
  readonly target: string;
  readonly createdAt: Date;
  /** Questions created up to here were considered (announced, or there were none). */
  readonly checkedUntil: Date;
  /** The last notice this follow produced: the next comes at least FOLLOW_NOTICE_GAP_MS later. */
  readonly lastNotifiedAt: Date | null;
}

/** At most this many follows per user. */
export const MAX_FOLLOWS = 50;
/** At most one notice per follow per hour. */
export const FOLLOW_NOTICE_GAP_MS = 3_600_000;
/** Questions younger than this are left for the next run (one whose transaction is still open is not missed). */
export const FOLLOW_SETTLE_MS = 60_000;
/** The digest covers the last 24 h; it goes out at 08:00 KST (23:00 UTC the day before). */
export const DIGEST_WINDOW_MS = 86_400_000;
export const DIGEST_AT_UTC = { hour: 23, minute: 0 } as const;
/** How often the batching job looks for due follows (minutes, a divisor of 60). */
export const FOLLOW_SCAN_MINUTES = 10;

export type FollowLimitReached = { readonly _tag: "FollowLimitReached"; readonly max: number };
export type InvalidHashtag = { readonly _tag: "InvalidHashtag" };
export type FollowNotFound = { readonly _tag: "FollowNotFound" };
export const FollowNotFound: FollowNotFound = { _tag: "FollowNotFound" };

/** The stored target of a follow request: an active region's code, or the normalized hashtag. */
export const followTarget = (catalog: RegionCatalog, kind: FollowKind, raw: string): Result<string, RegionNotFound | InvalidHashtag> => {
  if (kind === "region") return activeRegion(catalog, raw) ? ok(raw) : err({ _tag: "RegionNotFound", code: raw });
  const tag = normalizeHashtag(raw);
  return tag === null ? err({ _tag: "InvalidHashtag" }) : ok(tag);
};

export const canFollowMore = (current: number): Result<void, FollowLimitReached> =>
  current < MAX_FOLLOWS ? ok(undefined) : err({ _tag: "FollowLimitReached", max: MAX_FOLLOWS });

/** Whether a follow may produce a notice now: never notified, or the last one an hour ago or more. */
export const isDue = (f: Pick<Follow, "lastNotifiedAt">, now: Date): boolean =>
  f.lastNotifiedAt === null || now.getTime() - f.lastNotifiedAt.getTime() >= FOLLOW_NOTICE_GAP_MS;

/** How a follow's target reads in a notice: the region's Korean name, or #tag. */
export const targetLabel = (catalog: RegionCatalog, kind: FollowKind, target: string): string =>
  kind === "region" ? (catalog.byCode.get(target)?.name ?? target) : `#${target}`;

/** One notice for the new questions of a follow since its last: "애월읍에 새 질문 3개가 올라왔어요". */
export const followNotice = (
  userId: UserId,
  follow: Pick<Follow, "id" | "kind" | "target">,
  label: string,
  count: number,
  latestQuestionId: string,
): NotificationDraft => ({
  userId,
  type: "follow_questions",
  title: `${label}에 새 질문 ${count}개가 올라왔어요`,
  message: `팔로우한 ${label}에 지난 알림 뒤로 새 질문 ${count}개가 올라왔어요. 동네 주민의 답을 기다리고 있어요.`,
  data: { followId: follow.id, kind: follow.kind, target: follow.target, count, questionId: latestQuestionId },
});

/** The morning digest: one notice summing each followed target's new questions of the last 24 h. */
export const digestNotice = (
  userId: UserId,
  lines: readonly { readonly label: string; readonly count: number }[],
): NotificationDraft | null => {
  const withNews = lines.filter((l) => l.count > 0);
  if (withNews.length === 0) return null;
  const total = withNews.reduce((s, l) => s + l.count, 0);
  return {
    userId,
    type: "follow_digest",
    title: `오늘의 동네 소식: 새 질문 ${total}개`,
    message: withNews.map((l) => `${l.label} ${l.count}개`).join(", "),
    data: { total, targets: withNews.length },
  };
};
