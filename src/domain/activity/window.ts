import type { TrendingRange } from "../hashtag/trending.js";

/**
 * Windowed activity counts are kept in buckets: hourly for the 24 h window, 6-hourly for the 7 d one.
 * Buckets are UTC-aligned: bucket `b` of a range covers [b·size, (b+1)·size) in ms since the epoch, so a
 * time exactly on an edge belongs to the bucket that starts there. The window at `now` is the bucket
 * holding `now` and the ones before it, `BUCKET_COUNT[range]` in all: it reaches back to the start of the
 * oldest bucket, between (count − 1)·size and count·size before `now` (23–24 h, 6 d 18 h–7 d). Nothing after
 * `now`'s bucket counts.
 */
export const BUCKET_HOURS: Record<TrendingRange, number> = { "24h": 1, "7d": 6 };
export const BUCKET_COUNT: Record<TrendingRange, number> = { "24h": 24, "7d": 28 };
export const RANGES: readonly TrendingRange[] = ["24h", "7d"];

const HOUR_MS = 3_600_000;
const sizeMs = (range: TrendingRange) => BUCKET_HOURS[range] * HOUR_MS;

/** The bucket a time falls in. */
export const bucketOf = (range: TrendingRange, at: Date): number => Math.floor(at.getTime() / sizeMs(range));

/** When a bucket starts (inclusive). */
export const bucketStart = (range: TrendingRange, bucket: number): Date => new Date(bucket * sizeMs(range));

/** The buckets the window at `now` sums, oldest first. */
export const windowBuckets = (range: TrendingRange, now: Date): number[] => {
  const last = bucketOf(range, now);
  return Array.from({ length: BUCKET_COUNT[range] }, (_, i) => last - BUCKET_COUNT[range] + 1 + i);
};

/** The earliest time the window at `now` counts: the start of its oldest bucket. */
export const windowStart = (range: TrendingRange, now: Date): Date => bucketStart(range, bucketOf(range, now) - BUCKET_COUNT[range] + 1);

/** Whether something that happened at `at` counts in the window at `now`. */
export const inWindow = (range: TrendingRange, at: Date, now: Date): boolean => {
  const b = bucketOf(range, at);
  const last = bucketOf(range, now);
  return b <= last && b > last - BUCKET_COUNT[range];
};

/** A bucket's label: its start as UTC `yyyymmddhh` (readable in a key listing). */
export const bucketLabel = (range: TrendingRange, bucket: number): string => {
  const d = bucketStart(range, bucket);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}`;
};

/**
 * A bucket's TTL in seconds, refreshed by each increment (which falls inside the bucket or, delivered
 * late, after it): the window it serves plus one bucket plus an hour, so it outlives every window that
 * sums it. Reads never depend on expiry (they sum only the window's buckets); the TTL only frees memory.
 */
export const bucketTtlSeconds = (range: TrendingRange): number => (BUCKET_COUNT[range] + 1) * BUCKET_HOURS[range] * 3_600 + 3_600;

/** One question as asked: what the counters count. `regionCodes`: its region and every ancestor. */
export interface AskedActivity {
  readonly questionId: string;
  readonly hashtags: readonly string[];
  readonly regionCodes: readonly string[];
  readonly at: Date;
}

export interface ActivityCount {
  readonly key: string;
  readonly count: number;
}

export interface ActivityTop {
  readonly hashtags: readonly ActivityCount[];
  readonly regions: readonly ActivityCount[];
}

/** Highest count first, ties by key (so every store answers the same order). */
export const rankCounts = (counts: ReadonlyMap<string, number>, limit: number): ActivityCount[] =>
  [...counts.entries()]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, Math.max(0, limit));

/**
 * The window's top hashtags and regions from the questions themselves, with the same buckets as the
 * counters: what a rebuild writes and what the PostgreSQL stand-in answers. Each question counts once
 * per distinct hashtag and region.
 */
export const tallyActivity = (asked: readonly AskedActivity[], range: TrendingRange, now: Date, limit: number): ActivityTop => {
  const tags = new Map<string, number>();
  const regions = new Map<string, number>();
  for (const a of asked) {
    if (!inWindow(range, a.at, now)) continue;
    for (const t of new Set(a.hashtags)) tags.set(t, (tags.get(t) ?? 0) + 1);
    for (const r of new Set(a.regionCodes)) regions.set(r, (regions.get(r) ?? 0) + 1);
  }
  return { hashtags: rankCounts(tags, limit), regions: rankCounts(regions, limit) };
};
