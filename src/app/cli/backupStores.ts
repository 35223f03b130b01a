import "../runtimeGuard.js";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fsObjectSource } from "../../adapters/media-backup/fsObjectSource.js";
import { BackupProblem } from "../../adapters/pgbackrest/PgBackRest.js";
import { RedisSnapshotProblem } from "../../adapters/redis-snapshot/redisRdb.js";
import { SealedFileError } from "../../adapters/sealed/sealed.js";
import { MediaBackupProblem, restoreMedia, syncMedia } from "../backup/mediaSync.js";
import { restoreRedisSnapshot, takeRedisSnapshot } from "../backup/redisSnapshots.js";
import { mediaSourceOf } from "../backup/storeBackups.js";
import { storesOf } from "../backup/stores.js";
import { loadConfig } from "../config.js";
import { runTool } from "./bootstrap.js";

const USAGE =
  "usage: redis | media | restore-redis [--from <snapshot|latest>] --out <file> | restore-media [--day <YYYY-MM-DD|latest>] (--target <dir> | --into-store)";

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

await runTool(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      from: { type: "string" },
      out: { type: "string" },
      day: { type: "string" },
      target: { type: "string" },
      "into-store": { type: "boolean" },
    },
    strict: true,
  });
  const config = loadConfig();
  const stores = storesOf(config);
  try {
    switch (command) {
      case "redis": {
        if (!config.REDIS_URL)
          throw new BackupProblem(
            "REDIS_URL is not set: there is no Redis to snapshot (a cluster: snapshot each primary with redis-cli --rdb).",
          );
        const r = await takeRedisSnapshot(stores, config.REDIS_URL);
        console.log(
          `redis snapshot ${r.name} in ${stores.redisDir}: RDB ${mib(r.rdbBytes)}, sealed ${mib(r.bytes)} (AES-256-GCM), ${r.seconds.toFixed(1)} s${r.pruned.length ? `; removed ${r.pruned.length} older than 7 days` : ""}`,
        );
        return 0;
      }
      case "media": {
        const source = await mediaSourceOf(config);
        const r = await syncMedia(stores, source);
        console.log(
          `media ${source.describe} synced to ${stores.mediaDir}: ${r.objects} objects, ${r.copied} new or changed (${mib(r.copiedBytes)}), manifest ${r.day}, ${r.seconds.toFixed(1)} s${r.pruned.days.length ? `; removed ${r.pruned.days.length} days older than 90 and ${r.pruned.blobs} blobs` : ""}${r.skippedKeys ? `; ${r.skippedKeys} keys skipped (not a safe path)` : ""}`,
        );
        return 0;
      }
      case "restore-redis": {
        if (!values.out) throw new BackupProblem(`--out <file> is required (never the live dump.rdb of a running Redis)\n${USAGE}`);
        const out = resolve(values.out);
        mkdirSync(dirname(out), { recursive: true });
        const s = await restoreRedisSnapshot(stores, values.from ?? "latest", out);
        console.log(
          `opened ${s.name} (${s.at.toISOString()}) into ${out}: stop Redis, put it in place as dump.rdb (CONFIG GET dir), start Redis`,
        );
        return 0;
      }
      case "restore-media": {
        if (!values.target === !values["into-store"]) throw new BackupProblem(`give either --target <dir> or --into-store\n${USAGE}`);
        const target = values.target ? fsObjectSource(resolve(values.target)) : await mediaSourceOf(config);
        const r = await restoreMedia(stores, values.day ?? "latest", target);
        console.log(
          `restored media of ${r.day} into ${target.describe}: ${r.objects} objects, ${r.written} written, ${r.unchanged} already there`,
        );
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (e) {
    if (e instanceof RedisSnapshotProblem || e instanceof MediaBackupProblem || e instanceof SealedFileError)
      throw new BackupProblem(e.message);
    throw e;
  }
});
