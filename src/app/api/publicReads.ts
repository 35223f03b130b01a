import { createHash } from "node:crypto";
import { Effect } from "effect";
import { getProfile } from "../../application/account/getProfile.js";
import {
  notificationCountKey,
  QUESTION_LISTS,
  questionViewKey,
  REGION_STATS,
  TRENDING,
  userProfileKey,
} from "../../application/cache/invalidateCaches.js";
import { unreadCount } from "../../application/notification/unreadCount.js";
import { MediaPolicy } from "../../application/ports/MediaPolicy.js";
import { PublicCache } from "../../application/ports/PublicCache.js";
import { whoIsTyping } from "../../application/presence/whoIsTyping.js";
import { getQuestion } from "../../application/question/getQuestion.js";
import { listQuestions } from "../../application/question/listQuestions.js";
import { noteView } from "../../application/question/noteView.js";
import { listRegions } from "../../application/region/listRegions.js";
import { regionStats } from "../../application/region/regionStats.js";
import { trendingKeywords } from "../../application/search/trendingKeywords.js";
import type { TrendingRange } from "../../domain/hashtag/trending.js";
import { type QuestionId, UserId } from "../../domain/shared/ids.js";
import { fillImageLinks } from "./media.js";
import { type Call, run } from "./run.js";
import { badgeView, pageView, publicUserView, questionDetailView, questionView, regionListView } from "./views.js";

/**
 * TTLs in seconds: a question page (the outbox drops it on any change), first list pages (the seed's 600 s),
 * the region list (the catalogue changes only with a deployment), trending (the seed's 900 s).
 */
export const QUESTION_PAGE_TTL = 60;
export const QUESTION_LIST_TTL = 600;
export const REGION_LIST_TTL = 1_800;
export const TRENDING_TTL = 900;
export const REGION_STATS_TTL = 1_800;
export const USER_PROFILE_TTL = 3_600;
export const NOTIFICATION_COUNT_TTL = 300;

/**
 * An answer cached already serialised: `body` is the whole tRPC response (`{"result":{"data":…}}`), written
 * once when it is loaded and served as bytes by the hot path (src/app/http/hotReads.ts) with `etag`.
 * `authorId`: the question's author, so a reader's view is counted without reading the page.
 */
export interface Serialised {
  readonly body: string;
  readonly etag: string;
  readonly authorId?: string;
  /**
   * Who may see this answer differently from everyone else, so a signed-in reader among them is answered by
   * the store, not the shared bytes: the asker of each question on it (their exact location), and `restricted`
   * when answers were withheld (their authors and moderators see them).
   */
  readonly authorIds?: readonly string[];
  readonly restricted?: true;
  /** Set by this build's serialise: an entry written before it (no authorIds, no flag) is never shared. */
  readonly shareable?: true;
}

export const serialise = (
  data: unknown,
  authorId?: string,
  meta: { readonly authorIds?: readonly string[]; readonly restricted?: boolean } = {},
): Serialised => {
  const body = `{"result":{"data":${JSON.stringify(data)}}}`;
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  return {
    body,
    etag,
    shareable: true,
    ...(authorId === undefined ? {} : { authorId }),
    ...(meta.authorIds === undefined ? {} : { authorIds: meta.authorIds }),
    ...(meta.restricted ? { restricted: true as const } : {}),
  };
};

/** Whether a signed-in `viewer` sees exactly the shared answer (else the store answers them). */
export const sharedWith = (s: Serialised, viewer: string) =>
  s.shareable === true && s.restricted !== true && s.authorId !== viewer && !(s.authorIds ?? []).includes(viewer);

/** The data inside a serialised answer, for a caller that is not the hot path (a batch, REST). */
export const dataOf = <T>(s: Serialised): T => (JSON.parse(s.body) as { result: { data: T } }).result.data;

/** A cached page holds signed image URLs: it never outlives a quarter of their life (each stays the same for half of it). */
const withinUrlLife = (ttlSeconds: number) =>
  Effect.map(MediaPolicy.use(Effect.succeed), (p) => Math.max(1, Math.min(ttlSeconds, Math.floor(p.urlTtlSeconds / 4))));

const cached = <E, R>(key: string, ttlSeconds: number, load: Effect.Effect<Serialised, E, R>, group?: string) =>
  Effect.flatMap(withinUrlLife(ttlSeconds), (ttl) => PublicCache.use((cache) => cache.getOrLoad(key, ttl, load, group)));

/** The anonymous question page, its images' URLs filled in, serialised (`question:view:{id}`). Counts no view. */
export const questionPageAnswer = (id: QuestionId) =>
  cached(
    questionViewKey(id),
    QUESTION_PAGE_TTL,
    getQuestion(id, null, null, false).pipe(
      Effect.flatMap((page) =>
        Effect.map(fillImageLinks(questionDetailView(page)), (view) =>
          // The answerers too: their own edits and deletions must read back fresh, past the read-your-writes window.
          serialise(view, view.authorId, {
            restricted: page.withheld > 0,
            authorIds: [...new Set(page.answers.map((a) => String(a.authorId)))],
          }),
        ),
      ),
    ),
  );

type ListInput = Parameters<typeof listQuestions>[0];

export const questionListKey = (input: ListInput) =>
  `${QUESTION_LISTS}:${createHash("sha1")
    .update(JSON.stringify(input ?? {}))
    .digest("base64url")}`;

/** An anonymous first page of questions (`questions:list:{hash}` of the query), serialised. */
export const questionListAnswer = (input: ListInput) =>
  cached(
    questionListKey(input),
    QUESTION_LIST_TTL,
    listQuestions(input).pipe(
      Effect.flatMap((page) =>
        Effect.map(fillImageLinks(pageView(page, questionView)), (view) =>
          serialise(view, undefined, { authorIds: [...new Set(page.items.map((q) => String(q.authorId)))] }),
        ),
      ),
    ),
    QUESTION_LISTS,
  );

export const regionListKey = (parentCode: string | undefined) => `regions:list:${parentCode ?? "all"}`;
export const regionStatsKey = (regionCode: string) => `${REGION_STATS}:${regionCode}`;
export const trendingKey = (range: TrendingRange) => `${TRENDING}:${range}`;

/** region.list, for everyone (it holds nothing private): `regions:list:{parent|all}`. */
export const regionListAnswer = (parentCode: string | undefined) =>
  cached(
    regionListKey(parentCode),
    REGION_LIST_TTL,
    Effect.map(listRegions(parentCode), (regions) => serialise(regionListView(regions))),
  );

/** region.stats for everyone: `region:stats:{code}` (the seed's 1800 s), dropped with its group when a question changes. */
export const regionStatsAnswer = (regionCode: string) =>
  cached(
    regionStatsKey(regionCode),
    REGION_STATS_TTL,
    Effect.map(regionStats(regionCode), (s) => serialise(s)),
    REGION_STATS,
  );

/** user.get (a public profile with badges): `user:profile:{id}`, the seed's 3600 s, dropped by AuthorChanged. */
export const userProfile = (userId: UserId) =>
  PublicCache.use((cache) =>
    cache.getOrLoad(
      userProfileKey(userId),
      USER_PROFILE_TTL,
      Effect.map(getProfile(userId), ({ user, badges }) => ({ ...publicUserView(user), badges: badges.map(badgeView) })),
    ),
  );

/**
 * The caller's unread count: `notifications:count:{userId}`, 300 s, one key per user (private: it is only ever
 * asked for by that user's session); a new notification (outbox) or marking read drops it.
 */
export const notificationCount = (userId: UserId) =>
  PublicCache.use((cache) => cache.getOrLoad(notificationCountKey(userId), NOTIFICATION_COUNT_TTL, unreadCount(userId)));

export const dropNotificationCount = (userId: UserId) => PublicCache.use((cache) => cache.invalidate([notificationCountKey(userId)]));

/** search.trending for everyone: `trending:hashtags:{24h|7d}`, dropped with its group when a question is asked or edited. */
export const trendingAnswer = (range: TrendingRange) =>
  cached(
    trendingKey(range),
    TRENDING_TTL,
    Effect.map(trendingKeywords(range), (t) => serialise(t)),
    TRENDING,
  );

/** An anonymous reader's view of a cached page, counted once per reader whether the page came from the cache or not. */
export const countPageView = (id: QuestionId, s: Serialised, clientKey: string | null, viewer: UserId | null = null) =>
  s.authorId === undefined ? Effect.void : noteView(id, viewer, clientKey, UserId(s.authorId));

/** A question page as an anonymous reader sees it (through tRPC's batch or REST): the cached answer's data; the view is counted. */
export const publicQuestionDetail = async (call: Call, id: QuestionId, clientKey: string | null) => {
  const s = await run(call, questionPageAnswer(id));
  const [, typing] = await run(call, Effect.all([countPageView(id, s, clientKey), whoIsTyping(id, null)], { concurrency: "unbounded" }));
  return { ...dataOf<ReturnType<typeof questionDetailView>>(s), typing };
};

/** A first page of questions for an anonymous reader, from the public cache. */
export const publicQuestionList = async (call: Call, input: ListInput) =>
  dataOf<{ items: ReturnType<typeof questionView>[]; nextCursor: string | null }>(await run(call, questionListAnswer(input)));
