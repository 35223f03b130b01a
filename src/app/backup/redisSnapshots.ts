import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { fetchRdb, RedisSnapshotProblem } from "../../adapters/redis-snapshot/redisRdb.js";
import { openFile, sealFile } from "../../adapters/sealed/sealed.js";
import type { StoresLayout } from "./stores.js";

/** The seed's Redis schedule: a snapshot every 6 hours, kept 7 days (28 snapshots); the newest is never removed. */
export const REDIS_SNAPSHOT_EVERY_MS = 6 * 3_600_000;
export const REDIS_KEEP_MS = 7 * 86_400_000;

const NAME = /^redis-(\d{8}T\d{6}Z)\.rdb\.sealed$/;
const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const parseStamp = (s: string) =>
  new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);

export interface RedisSnapshot {
  readonly file: string;
  readonly name: string;
  readonly at: Date;
  readonly bytes: number;
}

/** The snapshots in the backup location, oldest first. */
export const listRedisSnapshots = (stores: StoresLayout): RedisSnapshot[] => {
  let names: string[];
  try {
    names = readdirSync(stores.redisDir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m?.[1]) return [];
      const file = join(stores.redisDir, name);
      return [{ file, name, at: parseStamp(m[1]), bytes: statSync(file).size }];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
};

/** Removes snapshots older than the retention, always keeping the newest. */
export const pruneRedisSnapshots = (stores: StoresLayout, now: Date): string[] => {
  const all = listRedisSnapshots(stores);
  const old = all.slice(0, -1).filter((s) => now.getTime() - s.at.getTime() > REDIS_KEEP_MS);
  for (const s of old) rmSync(s.file, { force: true });
  return old.map((s) => s.name);
};

const RDB_MAGIC = "REDIS";

/**
 * A snapshot of the Redis at `url` now: its RDB fetched, checked to be one, sealed (AES-256-GCM) into
 * the backup location as `redis-<UTC time>.rdb.sealed`; then the retention is applied.
 */
export const takeRedisSnapshot = async (stores: StoresLayout, url: string, now = new Date()) => {
  const started = performance.now();
  mkdirSync(stores.redisDir, { recursive: true, mode: 0o700 });
  const raw = join(stores.redisDir, `.incoming-${process.pid}-${Date.now()}.rdb`);
  try {
    await fetchRdb(url, raw);
    const head = Buffer.alloc(RDB_MAGIC.length);
    const handle = await open(raw, "r");
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
    if (head.toString("latin1") !== RDB_MAGIC) throw new RedisSnapshotProblem("redis-cli --rdb did not deliver an RDB file");
    const name = `redis-${stamp(now)}.rdb.sealed`;
    const file = join(stores.redisDir, name);
    await sealFile(stores.key("redis"), raw, file);
    const pruned = pruneRedisSnapshots(stores, now);
    return { name, file, bytes: statSync(file).size, rdbBytes: statSync(raw).size, pruned, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(raw, { force: true });
  }
};

/** Opens a snapshot (by name, or the newest with "latest") into `target` as a plain `dump.rdb`-format file. */
export const restoreRedisSnapshot = async (stores: StoresLayout, which: string, target: string) => {
  const all = listRedisSnapshots(stores);
  const snapshot = which === "latest" ? all.at(-1) : all.find((s) => s.name === which || s.name === `${which}.rdb.sealed`);
  if (!snapshot)
    throw new RedisSnapshotProblem(
      all.length === 0
        ? `no Redis snapshot in ${stores.redisDir}`
        : `no snapshot ${which}; there are: ${all.map((s) => s.name).join(", ")}`,
    );
  await openFile(stores.key("redis"), snapshot.file, target);
  return snapshot;
};
