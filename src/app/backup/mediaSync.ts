import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { rename } from "node:fs/promises";
import { join } from "node:path";
import { isSafeKey, type ObjectSource } from "../../adapters/media-backup/objectSource.js";
import { openBytes, sealBytes } from "../../adapters/sealed/sealed.js";
import type { StoresLayout } from "./stores.js";

/** The seed's object-store backup: synced daily, every day's state restorable for 90 days. */
export const MEDIA_SYNC_EVERY_MS = 86_400_000;
export const MEDIA_KEEP_DAYS = 90;

/** One day's state of the media store: every object and the sealed blob holding its bytes. */
export interface MediaManifest {
  readonly format: 1;
  readonly day: string;
  readonly takenAt: string;
  readonly source: string;
  readonly objects: readonly {
    readonly key: string;
    readonly size: number;
    readonly version: string;
    /** SHA-256 of the plaintext: the blob's name, so an unchanged object is stored once across days. */
    readonly sha256: string;
    readonly contentType?: string | undefined;
  }[];
}

export class MediaBackupProblem extends Error {}

const manifestsDir = (stores: StoresLayout) => join(stores.mediaDir, "manifests");
const blobsDir = (stores: StoresLayout) => join(stores.mediaDir, "blobs");
const blobPath = (stores: StoresLayout, sha256: string) => join(blobsDir(stores), sha256.slice(0, 2), `${sha256}.sealed`);
const DAY = /^(\d{4}-\d{2}-\d{2})\.json\.sealed$/;

/** The days with a manifest, oldest first. */
export const manifestDays = (stores: StoresLayout): string[] => {
  try {
    return readdirSync(manifestsDir(stores))
      .flatMap((n) => DAY.exec(n)?.[1] ?? [])
      .sort();
  } catch {
    return [];
  }
};

export const readManifest = (stores: StoresLayout, day: string): MediaManifest =>
  JSON.parse(
    openBytes(stores.key("media"), readFileSync(join(manifestsDir(stores), `${day}.json.sealed`))).toString("utf8"),
  ) as MediaManifest;

const writeSealed = async (path: string, sealed: Buffer) => {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, sealed, { mode: 0o600 });
  await rename(temp, path);
};

/**
 * Syncs the media store into the backup location, incrementally: an object whose key, size and version
 * match the newest manifest keeps its blob; a new or changed one is read, hashed and sealed
 * (AES-256-GCM) as a blob named by its SHA-256 (unless that blob exists). Today's manifest (UTC day) is
 * written last, sealed too, replacing an earlier one of the same day; then the retention runs.
 */
export const syncMedia = async (stores: StoresLayout, source: ObjectSource, now = new Date()) => {
  mkdirSync(manifestsDir(stores), { recursive: true, mode: 0o700 });
  mkdirSync(blobsDir(stores), { recursive: true, mode: 0o700 });
  return withLock(stores, () => syncLocked(stores, source, now));
};

/** A lock held stale past this is taken over (a process that died mid-sync). */
const STALE_LOCK_MS = 6 * 3_600_000;

/**
 * One sync at a time per location (the service's schedule and `npm run backup:media`): another one's
 * retention could otherwise delete a blob this one wrote but has not named in a manifest yet.
 */
const withLock = async <A>(stores: StoresLayout, f: () => Promise<A>): Promise<A> => {
  const lock = join(stores.mediaDir, ".lock");
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch (e) {
    if ((e as { code?: string }).code !== "EEXIST") throw e;
    if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS)
      throw new MediaBackupProblem(`another media sync is running (${lock}, pid ${readFileSync(lock, "utf8")})`);
    writeFileSync(lock, String(process.pid));
  }
  try {
    return await f();
  } finally {
    rmSync(lock, { force: true });
  }
};

const syncLocked = async (stores: StoresLayout, source: ObjectSource, now: Date) => {
  const started = performance.now();
  const key = stores.key("media");
  const previousDay = manifestDays(stores).at(-1);
  const previous = new Map((previousDay ? readManifest(stores, previousDay).objects : []).map((o) => [o.key, o]));
  const objects: MediaManifest["objects"][number][] = [];
  let copied = 0;
  let copiedBytes = 0;
  let skippedKeys = 0;
  for (const entry of await source.list()) {
    if (!isSafeKey(entry.key)) {
      skippedKeys += 1;
      continue;
    }
    const before = previous.get(entry.key);
    if (before && before.version === entry.version && before.size === entry.size && existsSync(blobPath(stores, before.sha256))) {
      objects.push(before);
      continue;
    }
    const body = await source.read(entry.key);
    if (!body) continue; // Removed since the listing.
    const sha256 = createHash("sha256").update(body.bytes).digest("hex");
    const path = blobPath(stores, sha256);
    if (!existsSync(path)) {
      mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
      await writeSealed(path, sealBytes(key, body.bytes));
      copied += 1;
      copiedBytes += body.bytes.length;
    }
    objects.push({
      key: entry.key,
      size: body.bytes.length,
      version: entry.version,
      sha256,
      ...(body.contentType ? { contentType: body.contentType } : {}),
    });
  }
  const day = now.toISOString().slice(0, 10);
  const manifest: MediaManifest = { format: 1, day, takenAt: now.toISOString(), source: source.describe, objects };
  await writeSealed(join(manifestsDir(stores), `${day}.json.sealed`), sealBytes(key, Buffer.from(JSON.stringify(manifest))));
  const pruned = pruneMedia(stores, now);
  return { day, objects: objects.length, copied, copiedBytes, skippedKeys, pruned, seconds: (performance.now() - started) / 1000 };
};

/**
 * Removes the manifests of days more than 90 days back (the newest always stays), then every blob no
 * kept manifest names: an object deleted from the store stays restorable until its last day ages out.
 */
export const pruneMedia = (stores: StoresLayout, now: Date) => {
  const cutoff = new Date(now.getTime() - MEDIA_KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
  const days = manifestDays(stores);
  const removedDays = days.slice(0, -1).filter((d) => d < cutoff);
  for (const d of removedDays) rmSync(join(manifestsDir(stores), `${d}.json.sealed`), { force: true });
  const referenced = new Set(manifestDays(stores).flatMap((d) => readManifest(stores, d).objects.map((o) => o.sha256)));
  let removedBlobs = 0;
  for (const e of readdirSync(blobsDir(stores), { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const sha = e.name.replace(/\.sealed$/, "");
    if (!referenced.has(sha)) {
      rmSync(join(e.parentPath, e.name), { force: true });
      removedBlobs += 1;
    }
  }
  return { days: removedDays, blobs: removedBlobs };
};

/**
 * Puts one day's objects ("latest" for the newest manifest) into `target` (a folder, or the media store
 * itself): each blob opened and checked against its SHA-256. Objects already there with the same bytes
 * are left alone; nothing is deleted.
 */
export const restoreMedia = async (stores: StoresLayout, day: string, target: ObjectSource) => {
  const days = manifestDays(stores);
  const chosen = day === "latest" ? days.at(-1) : days.find((d) => d === day);
  if (!chosen)
    throw new MediaBackupProblem(
      days.length === 0 ? `no media backup in ${stores.mediaDir}` : `no media backup of ${day}; there are ${days[0]} … ${days.at(-1)}`,
    );
  const manifest = readManifest(stores, chosen);
  const key = stores.key("media");
  let written = 0;
  let unchanged = 0;
  for (const o of manifest.objects) {
    const bytes = openBytes(key, readFileSync(blobPath(stores, o.sha256)));
    if (createHash("sha256").update(bytes).digest("hex") !== o.sha256)
      throw new MediaBackupProblem(`blob of ${o.key} does not match its hash`);
    const there = await target.read(o.key);
    if (there && Buffer.from(there.bytes).equals(bytes)) {
      unchanged += 1;
      continue;
    }
    await target.write(o.key, { bytes, contentType: o.contentType });
    written += 1;
  }
  return { day: chosen, objects: manifest.objects.length, written, unchanged };
};
