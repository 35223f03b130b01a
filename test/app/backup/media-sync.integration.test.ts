import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { fsObjectSource } from "../../../src/adapters/media-backup/fsObjectSource.js";
import type { ObjectSource } from "../../../src/adapters/media-backup/objectSource.js";
import { s3ObjectSource } from "../../../src/adapters/media-backup/s3ObjectSource.js";
import { makeS3Client } from "../../../src/adapters/s3/S3MediaStore.js";
import { manifestDays, readManifest, restoreMedia, syncMedia } from "../../../src/app/backup/mediaSync.js";
import { storesLayout } from "../../../src/app/backup/stores.js";
import { freshBucket } from "../../support/objectStore.js";

const dir = mkdtempSync(join(tmpdir(), "dongne-media-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (day: string) => new Date(`${day}T18:00:00Z`);
const blobsIn = (root: string) =>
  readdirSync(join(root, "media", "blobs"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

/** The same story on either store: incremental days, restores of an old and the newest day, 90-day retention. */
const story = async (
  name: string,
  source: ObjectSource,
  change: { put: (key: string, text: string) => Promise<void>; remove: (key: string) => Promise<void> },
) => {
  const stores = storesLayout(join(dir, name), () => "the media test passphrase");
  await change.put("images/a.webp", "사진 A 원본");
  await change.put("images/b.webp", "사진 B 원본");

  const first = await syncMedia(stores, source, at("2026-09-01"));
  expect(first).toMatchObject({ day: "2026-09-01", objects: 2, copied: 2 });
  // Nothing changed: a new day's manifest, nothing copied.
  const second = await syncMedia(stores, source, at("2026-09-02"));
  expect(second).toMatchObject({ day: "2026-09-02", objects: 2, copied: 0 });

  await change.put("images/b.webp", "사진 B 수정본, 더 길게");
  await change.put("images/c.webp", "사진 C");
  await change.remove("images/a.webp");
  const third = await syncMedia(stores, source, at("2026-12-01"));
  // September 1st is more than 90 days before December 1st: its manifest goes; A's blob stays for September 2nd.
  expect(third).toMatchObject({ day: "2026-12-01", objects: 2, copied: 2, pruned: { days: ["2026-09-01"], blobs: 0 } });
  expect(manifestDays(stores)).toEqual(["2026-09-02", "2026-12-01"]);
  expect(blobsIn(stores.root)).toHaveLength(4);
  // Encrypted at rest: no blob or manifest shows the bytes or the keys.
  for (const file of [
    ...blobsIn(stores.root),
    ...readdirSync(join(stores.mediaDir, "manifests")).map((f) => join(stores.mediaDir, "manifests", f)),
  ]) {
    const raw = readFileSync(file);
    expect(raw.subarray(0, 4).toString()).toBe("DNE1");
    expect(raw.includes(Buffer.from("사진"))).toBe(false);
    expect(raw.includes(Buffer.from("images/"))).toBe(false);
  }

  const old = join(dir, `${name}-restored-old`);
  expect(await restoreMedia(stores, "2026-09-02", fsObjectSource(old))).toMatchObject({ day: "2026-09-02", objects: 2, written: 2 });
  expect(readFileSync(join(old, "images/a.webp"), "utf8")).toBe("사진 A 원본");
  expect(readFileSync(join(old, "images/b.webp"), "utf8")).toBe("사진 B 원본");
  const newest = join(dir, `${name}-restored-newest`);
  expect(await restoreMedia(stores, "latest", fsObjectSource(newest))).toMatchObject({ day: "2026-12-01", objects: 2, written: 2 });
  expect(readFileSync(join(newest, "images/b.webp"), "utf8")).toBe("사진 B 수정본, 더 길게");
  expect(readFileSync(join(newest, "images/c.webp"), "utf8")).toBe("사진 C");
  expect(() => readFileSync(join(newest, "images/a.webp"))).toThrow();
  await expect(restoreMedia(stores, "2026-01-01", fsObjectSource(newest))).rejects.toThrow(
    /no media backup of 2026-01-01; there are 2026-09-02 … 2026-12-01/,
  );

  // The next day September 2nd ages out too: A's and B's first blobs are no longer referenced.
  const fourth = await syncMedia(stores, source, at("2026-12-02"));
  expect(fourth).toMatchObject({ copied: 0, pruned: { days: ["2026-09-02"], blobs: 2 } });
  expect(blobsIn(stores.root)).toHaveLength(2);
  expect(
    readManifest(stores, "2026-12-02")
      .objects.map((o) => o.key)
      .sort(),
  ).toEqual(["images/b.webp", "images/c.webp"]);
  return stores;
};

describe("the media store synced daily into the backup location (incremental, encrypted, 90 days)", () => {
  it("on the filesystem store (DATA_DIR/media)", async () => {
    const root = join(dir, "fs-store");
    let tick = Date.parse("2026-09-01T00:00:00Z") / 1000;
    await story("fs", fsObjectSource(root), {
      put: async (key, text) => {
        mkdirSync(join(root, "images"), { recursive: true });
        writeFileSync(join(root, key), text);
        // Distinct modification times, as days apart would give.
        tick += 60;
        utimesSync(join(root, key), tick, tick);
      },
      remove: async (key) => rmSync(join(root, key)),
    });
    // The store's own half-written temporaries are not backed up.
    writeFileSync(join(root, "images", "d.webp.1a2b3c.tmp"), "half");
    const stores = storesLayout(join(dir, "fs"), () => "the media test passphrase");
    expect((await syncMedia(stores, fsObjectSource(root), at("2026-12-03"))).objects).toBe(2);
  });

  it("runs one sync at a time per location; a lock left by a dead process is taken over after 6 hours", async () => {
    const stores = storesLayout(join(dir, "locked"), () => "the media test passphrase");
    const root = join(dir, "locked-store");
    mkdirSync(join(root, "images"), { recursive: true });
    writeFileSync(join(root, "images", "l.webp"), "잠금");
    mkdirSync(stores.mediaDir, { recursive: true });
    writeFileSync(join(stores.mediaDir, ".lock"), "4242");
    await expect(syncMedia(stores, fsObjectSource(root))).rejects.toThrow(/another media sync is running .*pid 4242/);
    const old = Date.now() / 1000 - 7 * 3600;
    utimesSync(join(stores.mediaDir, ".lock"), old, old);
    expect((await syncMedia(stores, fsObjectSource(root))).copied).toBe(1);
    expect(readdirSync(stores.mediaDir)).not.toContain(".lock");
  });

  it("on S3 (S3Proxy): listed, copied, and restored back into the bucket", async () => {
    const options = await freshBucket();
    const client = makeS3Client(options);
    const source = s3ObjectSource(options);
    const stores = await story("s3", source, {
      put: async (key, text) => {
        await client.send(new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: Buffer.from(text), ContentType: "image/webp" }));
      },
      remove: async (key) => {
        await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: key }));
      },
    });
    // Lost from the bucket, put back from the backup with its content type; the unchanged one is left alone.
    await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: "images/c.webp" }));
    expect(await restoreMedia(stores, "latest", source)).toMatchObject({ objects: 2, written: 1, unchanged: 1 });
    const back = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: "images/c.webp" }));
    expect(await back.Body?.transformToString()).toBe("사진 C");
    expect(back.ContentType).toBe("image/webp");
    client.destroy();
  }, 60_000);

  it("npm run backup:media syncs DATA_DIR/media and backup:status reports it", async () => {
    const dataDir = join(dir, "data");
    mkdirSync(join(dataDir, "media", "images"), { recursive: true });
    writeFileSync(join(dataDir, "media", "images", "x.webp"), "한 장");
    const env = { DATA_DIR: dataDir, BACKUP_CIPHER_PASS: "the CLI test passphrase, long" };
    const run = (script: string, args: string[], extra: Record<string, string> = {}) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        const { DATABASE_URL: _, REDIS_URL: __, S3_BUCKET: ___, ...inherited } = process.env;
        execFile(
          process.execPath,
          ["--import", "tsx", script, ...args],
          { env: { ...inherited, ...env, ...extra }, encoding: "utf8", timeout: 120_000 },
          (error, stdout, stderr) => done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const synced = await run("src/app/cli/backupStores.ts", ["media"]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/media filesystem .*\/media synced to .*backup\/stores\/media: 1 objects, 1 new or changed/);
    const status = await run("src/app/cli/backup.ts", ["status"], { DATABASE_URL: "postgres://127.0.0.1:5432/postgres" });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /media\s+1 daily manifests in .*; newest 20\d\d-.* of filesystem .*, 1 objects; oldest day 20\d\d-\d\d-\d\d; 90 days kept/,
    );
    const restored = await run("src/app/cli/backupStores.ts", ["restore-media", "--target", join(dir, "cli-restored")]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(readFileSync(join(dir, "cli-restored", "images", "x.webp"), "utf8")).toBe("한 장");
  }, 120_000);
});
