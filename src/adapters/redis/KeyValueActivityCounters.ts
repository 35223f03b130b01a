import { Cause, Effect, Layer } from "effect";
import { ActivityCounters, ActivityHistory, type ActivityUnavailable } from "../../application/ports/ActivityCounters.js";
import { RegionRepository } from "../../application/ports/RegionRepository.js";
import { activityRegions } from "../../domain/activity/regions.js";
import {
  type AskedActivity,
  bucketLabel,
  bucketOf,
  bucketTtlSeconds,
  RANGES,
  rankCounts,
  tallyActivity,
  windowBuckets,
  windowStart,
} from "../../domain/activity/window.js";
import type { TrendingRange } from "../../domain/hashtag/trending.js";
import { KeyValue, type RedisUnavailable } from "./KeyValue.js";

type Kind = "tags" | "regions";
const SPAN: Record<TrendingRange, string> = { "24h": "h", "7d": "q" };

/**
 * `activity:{tags|regions}:h:{yyyymmddhh}` (hourly buckets, for 24 h) and `…:q:{yyyymmddhh}` (6-hourly, for
 * 7 d; the label is the bucket's start): sorted sets, members hashtags or region codes, scores how many
 * questions were asked with them in the bucket. Each key stands alone, so buckets spread over a cluster.
 */
export const activityBucketKey = (kind: Kind, range: TrendingRange, bucket: number) =>
  `activity:${kind}:${SPAN[range]}:${bucketLabel(range, bucket)}`;
/** `activity:counted:{questionId}`: the question was counted (set before its increments, so a redelivery counts nothing). */
export const countedKey = (questionId: string) => `activity:counted:${questionId}`;
/** `activity:rebuilt`: the counters hold a rebuild from PostgreSQL (gone with a Redis restart, which empties them too). */
export const REBUILT_KEY = "activity:rebuilt";
/** `activity:rebuild-lock`: one instance rebuilds at a time; expires if it dies mid-way. */
export const REBUILD_LOCK_KEY = "activity:rebuild-lock";
/** A marker outlives the longest window by a day: a redelivery after that counts only in buckets nobody reads. */
export const COUNTED_TTL_SECONDS = 8 * 24 * 3_600;
export const REBUILD_LOCK_SECONDS = 120;
/**
 * Members read per bucket when summing a window. A bucket with more distinct hashtags than this loses its
 * long tail (counts of one or two): the top of the window is unaffected.
 */
export const BUCKET_READ_LIMIT = 2_000;

const unavailable = (e: RedisUnavailable): ActivityUnavailable => ({
  _tag: "ActivityUnavailable",
  reason: `${e.operation}: ${e.reason}`,
  message: e.message,
});

/**
 * Activity counters on the KeyValue store (Redis, a cluster, or the in-process twin). Recording increments
 * one member per hashtag and region in the question's hourly and 6-hourly bucket; a read sums the window's
 * buckets here (no multi-key command). Counting is idempotent per question (`activity:counted:{id}`, SET NX):
 * a redelivered event, or an event of a question the rebuild already counted, adds nothing. If the store
 * fails between the marker and the increments the marker is dropped (best effort) so the retry counts it;
 * if even that fails, the question is missing from the counts (never counted twice).
 */
export const makeKeyValueActivityCounters = Effect.gen(function* () {
  const kv = yield* KeyValue;
  const service: ActivityCounters["Service"] = {
    record: (a: AskedActivity) =>
      Effect.gen(function* () {
        const fresh = yield* kv.set(countedKey(a.questionId), "1", { ttlSeconds: COUNTED_TTL_SECONDS, onlyIfAbsent: true });
        if (!fresh) return false;
        const increments = RANGES.flatMap((range) => {
          const bucket = bucketOf(range, a.at);
          const ttl = bucketTtlSeconds(range);
          return [
            ...[...new Set(a.hashtags)].map((t) => kv.zIncrBy(activityBucketKey("tags", range, bucket), 1, t, ttl)),
            ...[...new Set(a.regionCodes)].map((r) => kv.zIncrBy(activityBucketKey("regions", range, bucket), 1, r, ttl)),
          ];
        });
        yield* Effect.all(increments, { concurrency: 8, discard: true }).pipe(
          Effect.tapError(() => Effect.ignore(kv.del(countedKey(a.questionId)))),
        );
        return true;
      }).pipe(Effect.mapError(unavailable)),
    top: (range, now, limit) =>
      Effect.gen(function* () {
        const buckets = windowBuckets(range, now);
        const sum = (kind: Kind) =>
          Effect.map(
            Effect.forEach(buckets, (b) => kv.zTop(activityBucketKey(kind, range, b), BUCKET_READ_LIMIT), { concurrency: 8 }),
            (all) => {
              const totals = new Map<string, number>();
              for (const entries of all) for (const [member, score] of entries) totals.set(member, (totals.get(member) ?? 0) + score);
              return rankCounts(totals, limit);
            },
          );
        const [hashtags, regions] = yield* Effect.all([sum("tags"), sum("regions")], { concurrency: 2 });
        return { hashtags, regions };
      }).pipe(Effect.mapError(unavailable)),
    claimRebuild: Effect.gen(function* () {
      if ((yield* kv.get(REBUILT_KEY)) !== null) return "built" as const;
      const won = yield* kv.set(REBUILD_LOCK_KEY, "1", { ttlSeconds: REBUILD_LOCK_SECONDS, onlyIfAbsent: true });
      return won ? ("claimed" as const) : ("busy" as const);
    }).pipe(Effect.mapError(unavailable)),
    finishRebuild: Effect.gen(function* () {
      yield* kv.set(REBUILT_KEY, new Date().toISOString());
      yield* kv.del(REBUILD_LOCK_KEY);
    }).pipe(Effect.mapError(unavailable)),
  };
  return service;
});

export const KeyValueActivityCounters = Layer.effect(ActivityCounters, makeKeyValueActivityCounters);

/** Why PostgreSQL answered a trending read. */
export type ActivityFallbackReport = (reason: string) => void;

/**
 * The counters with PostgreSQL standing in for reads: when the store fails (down, over its budget, breaker
 * open) `top` counts the window's questions from ActivityHistory (the same buckets, so the same answer as
 * full counters), says `degraded: true`, and the reporter hears why (the service logs and counts it).
 * Writes and the rebuild's bookkeeping still fail, so the outbox consumer retries them.
 */
export const withActivityFallback = (
  primary: ActivityCounters["Service"],
  history: ActivityHistory["Service"],
  regions: RegionRepository["Service"],
  report: ActivityFallbackReport,
): ActivityCounters["Service"] => ({
  ...primary,
  top: (range, now, limit) =>
    primary.top(range, now, limit).pipe(
      Effect.catchCause((cause) =>
        Cause.hasInterruptsOnly(cause)
          ? Effect.failCause(cause)
          : Effect.gen(function* () {
              const error = Cause.squash(cause) as { readonly reason?: unknown };
              report(typeof error?.reason === "string" ? error.reason : "failed");
              const catalog = yield* regions.catalog;
              const asked = yield* history.askedSince(windowStart(range, now));
              const expanded = asked.map((q) => ({ ...q, regionCodes: activityRegions(catalog, q.regionCode) }));
              return { ...tallyActivity(expanded, range, now, limit), degraded: true };
            }),
      ),
    ),
});

/** The KeyValue counters behind the PostgreSQL stand-in (ActivityHistory and RegionRepository from the store). */
export const KeyValueActivityCountersWithFallback = (report: ActivityFallbackReport = () => {}) =>
  Layer.effect(
    ActivityCounters,
    Effect.gen(function* () {
      const primary = yield* makeKeyValueActivityCounters;
      return withActivityFallback(primary, yield* ActivityHistory, yield* RegionRepository, report);
    }),
  );
