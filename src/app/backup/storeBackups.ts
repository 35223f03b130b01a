import { statSync } from "node:fs";
import { join } from "node:path";
import { fsObjectSource } from "../../adapters/media-backup/fsObjectSource.js";
import type { ObjectSource } from "../../adapters/media-backup/objectSource.js";
import type { Config } from "../config.js";
import { s3Options } from "../layers/media.js";
import { MEDIA_KEEP_DAYS, MEDIA_SYNC_EVERY_MS, manifestDays, readManifest, syncMedia } from "./mediaSync.js";
import { listRedisSnapshots, REDIS_KEEP_MS, REDIS_SNAPSHOT_EVERY_MS, takeRedisSnapshot } from "./redisSnapshots.js";
import { bytesUnder, type StoresLayout, storesOf } from "./stores.js";

/** The media store this configuration serves from: S3 when S3_BUCKET is set, else DATA_DIR/media. */
export const mediaSourceOf = async (config: Config): Promise<ObjectSource> => {
  const s3 = s3Options(config);
  if (!s3) return fsObjectSource(join(config.DATA_DIR, "media"));
  // The AWS SDK loads only for a service configured for S3.
  const { s3ObjectSource } = await import("../../adapters/media-backup/s3ObjectSource.js");
  return s3ObjectSource(s3);
};

/** One scheduled backup of a store besides PostgreSQL: how often, when it last succeeded, and how to run it. */
export interface StoreJob {
  readonly store: "redis" | "media";
  readonly everyMs: number;
  readonly last: () => Date | undefined;
  readonly bytes: () => number;
  /** Runs it; resolves with a one-line summary for the log. */
  readonly run: (now: Date) => Promise<Record<string, unknown>>;
}

/** The Redis snapshot (only with REDIS_URL) and the media sync, for the service's scheduler and the CLI. */
export const storeJobs = (config: Config, stores: StoresLayout = storesOf(config)): StoreJob[] => {
  const redisUrl = config.REDIS_URL;
  const jobs: StoreJob[] = [];
  // One client for the service's lifetime (an S3 client keeps its connections).
  let source: Promise<ObjectSource> | undefined;
  if (redisUrl)
    jobs.push({
      store: "redis",
      everyMs: REDIS_SNAPSHOT_EVERY_MS,
      last: () => listRedisSnapshots(stores).at(-1)?.at,
      bytes: () => bytesUnder(stores.redisDir),
      run: async (now) => {
        const r = await takeRedisSnapshot(stores, redisUrl, now);
        return { snapshot: r.name, bytes: r.bytes, seconds: Number(r.seconds.toFixed(1)), pruned: r.pruned.length };
      },
    });
  jobs.push({
    store: "media",
    everyMs: MEDIA_SYNC_EVERY_MS,
    // The newest manifest's write time, read every check: cheaper than opening a manifest of many objects.
    last: () => {
      const day = manifestDays(stores).at(-1);
      return day ? statSync(join(stores.mediaDir, "manifests", `${day}.json.sealed`)).mtime : undefined;
    },
    bytes: () => bytesUnder(stores.mediaDir),
    run: async (now) => {
      source ??= mediaSourceOf(config);
      const r = await syncMedia(stores, await source, now);
      return { day: r.day, objects: r.objects, copied: r.copied, seconds: Number(r.seconds.toFixed(1)), prunedDays: r.pruned.days.length };
    },
  });
  return jobs;
};

/** Due when it never ran or its interval has passed since the last success. */
export const isDue = (job: Pick<StoreJob, "everyMs">, last: Date | undefined, now: Date) =>
  last === undefined || now.getTime() - last.getTime() >= job.everyMs;

/** What backup:status shows for the stores. */
export const storesStatus = (config: Config, stores: StoresLayout = storesOf(config)) => {
  const snapshots = listRedisSnapshots(stores);
  const days = manifestDays(stores);
  const newest = days.at(-1);
  const manifest = newest ? readManifest(stores, newest) : undefined;
  return {
    path: stores.root,
    redis: {
      configured: config.REDIS_URL !== undefined,
      snapshots: snapshots.length,
      newest: snapshots.at(-1)?.at,
      oldest: snapshots[0]?.at,
      bytes: bytesUnder(stores.redisDir),
      keepDays: REDIS_KEEP_MS / 86_400_000,
      everyHours: REDIS_SNAPSHOT_EVERY_MS / 3_600_000,
    },
    media: {
      days: days.length,
      newest: manifest ? new Date(manifest.takenAt) : undefined,
      oldestDay: days[0],
      objects: manifest?.objects.length ?? 0,
      source: manifest?.source,
      bytes: bytesUnder(stores.mediaDir),
      keepDays: MEDIA_KEEP_DAYS,
    },
  };
};
export type StoresStatus = ReturnType<typeof storesStatus>;
