import "../runtimeGuard.js";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { BackupProblem, prepareBackups } from "../../adapters/pgbackrest/PgBackRest.js";
import { migrate } from "../../adapters/postgres/migrate.js";
import { switchWalAndWait, writeDrillMark } from "../../adapters/postgres/PgOperations.js";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { layoutOf } from "../backup/archiving.js";
import { ensureStanza, repositoryInfo, takeBackup } from "../backup/backups.js";
import { runDrill } from "../backup/drill.js";
import { parseTarget, restoreInto } from "../backup/restore.js";
import { type BackupStatus, backupStatus } from "../backup/status.js";
import { type StoresStatus, storesStatus } from "../backup/storeBackups.js";
import { type Config, loadConfig } from "../config.js";
import { openToolDatabase, runTool } from "./bootstrap.js";

const USAGE = `usage: backup now [--full|--incr] | list | status [--json] | restore --to <ISO time|latest> --target <dir> | verify | export [--out <file>]`;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const when = (at: Date | undefined) => (at ? `${at.toISOString()} (${Math.round((Date.now() - at.getTime()) / 60_000)} min ago)` : "never");

/** The embedded database (the running service's, or one started for this command), migrated; backups of an external server are its host's job. */
const openLive = async (config: Config) => {
  if (config.DATABASE_URL)
    throw new BackupProblem(
      "DATABASE_URL is set: back up that server with pgBackRest on its own host (README, Operations: external PostgreSQL). These commands manage the embedded server's backups.",
    );
  const db = await openToolDatabase(config, (msg) => console.error(msg));
  await migrate(db.url, loadJejuRegions());
  return db;
};

const printStatus = (s: BackupStatus) => {
  const lines = [
    `repository   ${s.repository.path} — ${mib(s.repository.bytes)}, ${s.repository.cipher} encrypted, status ${s.repository.status}`,
    `last full    ${when(s.lastFull)}`,
    `last incr    ${when(s.lastIncremental)}`,
    `backups      ${s.info.backups.length} (${s.info.backups.filter((b) => b.kind === "full").length} full; 12 full kept)`,
    `WAL archive  ${s.info.walMin ?? "-"} … ${s.info.walMax ?? "-"}`,
    s.archiver
      ? `archiver     ${s.archiver.failing ? `FAILING since ${s.archiver.lastFailedAt?.toISOString()} (${s.archiver.lastFailedWal})` : "ok"}; last archived ${s.archiver.lastArchivedWal ?? "-"} ${when(s.archiver.lastArchivedAt ?? undefined)}; ${s.archiver.failedCount} failures`
      : "archiver     (server not reachable)",
    s.schedule.on
      ? `next run     ${s.schedule.next.at.toISOString()} (${s.schedule.next.kind}); next full ${s.schedule.nextFull.toISOString()} — in the service (BACKUP_SCHEDULE=on)`
      : "next run     none in the service (BACKUP_SCHEDULE=off): a timer runs `npm run backup` (README, Operations)",
    s.drill
      ? `last drill   ${s.drill.ok ? "passed" : "FAILED"} ${s.drill.at}; RPO ${s.drill.rpoSeconds?.toFixed(0) ?? "-"} s, RTO ${s.drill.rtoSeconds?.toFixed(1) ?? "-"} s${s.drill.error ? `: ${s.drill.error}` : ""}`
      : "last drill   never (npm run backup:verify)",
  ];
  console.log(lines.join("\n"));
};

const printStores = (s: StoresStatus) => {
  const r = s.redis;
  const m = s.media;
  console.log(
    [
      r.configured || r.snapshots > 0
        ? `redis        ${r.snapshots} snapshots in ${s.path}/redis (${mib(r.bytes)}, AES-256-GCM); newest ${when(r.newest)}, oldest ${when(r.oldest)}; every ${r.everyHours} h, ${r.keepDays} days kept`
        : "redis        not configured (REDIS_URL unset): nothing to snapshot",
      `media        ${m.days} daily manifests in ${s.path}/media (${mib(m.bytes)}, AES-256-GCM); newest ${when(m.newest)}${m.source ? ` of ${m.source}, ${m.objects} objects` : ""}; oldest day ${m.oldestDay ?? "-"}; ${m.keepDays} days kept`,
    ].join("\n"),
  );
};

/** `pg_dump` of the live database (custom format), for moving data between PostgreSQL versions. */
const logicalExport = (url: string, out: string) =>
  new Promise<void>((done, fail) =>
    execFile(
      "pg_dump",
      ["--format=custom", "--no-owner", `--file=${out}`, `--dbname=${url}`],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _o, stderr) => {
        if (!error) return done();
        if ((error as NodeJS.ErrnoException).code === "ENOENT")
          return fail(
            new BackupProblem("pg_dump is not installed: apt-get install -y postgresql-client-15 (it must be version 15 or newer)."),
          );
        fail(new BackupProblem(`pg_dump failed: ${stderr.trim() || error.message}`));
      },
    ),
  );

await runTool(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      full: { type: "boolean" },
      incr: { type: "boolean" },
      json: { type: "boolean" },
      to: { type: "string" },
      target: { type: "string" },
      out: { type: "string" },
    },
    strict: true,
  });
  const config = loadConfig();
  const layout = layoutOf(config);
  const scheduleOn = config.BACKUP_SCHEDULE === "on";
  if (command === "status" && config.DATABASE_URL) {
    // PostgreSQL is the database host's job; the stores backed up here are still shown.
    const stores = storesStatus(config);
    if (values.json) console.log(JSON.stringify({ postgres: "external (DATABASE_URL)", stores }, null, 2));
    else {
      console.log("postgres     external (DATABASE_URL): backed up with pgBackRest on its own host");
      printStores(stores);
    }
    return 0;
  }
  if (command === "list") {
    // Before the service's first start there is no configuration yet: the same one it would write.
    if (!existsSync(layout.configFile))
      prepareBackups(layout, { repoPath: config.BACKUP_REPO_PATH, cipherPass: config.BACKUP_CIPHER_PASS });
    const info = await repositoryInfo(layout);
    for (const b of info.backups)
      console.log(
        `${b.label}  ${b.kind.padEnd(4)}  ${b.stoppedAt.toISOString()}  ${((b.stoppedAt.getTime() - b.startedAt.getTime()) / 1000).toFixed(0)} s  database ${mib(b.databaseBytes)}  stored ${mib(b.repositoryBytes)}  WAL ${b.walStart}…${b.walStop}${b.error ? "  ERROR" : ""}`,
      );
    if (info.backups.length === 0) console.log("no backups yet (npm run backup)");
    return 0;
  }
  const db = await openLive(config);
  try {
    switch (command) {
      case "now": {
        const { set, seconds } = await takeBackup(layout, db.url, values.full ? "full" : "incr");
        console.log(
          `backup ${set.label} (${set.kind}) done in ${seconds.toFixed(1)} s: database ${mib(set.databaseBytes)}, stored ${mib(set.repositoryBytes)}`,
        );
        return 0;
      }
      case "status": {
        // The status must show even when the repository cannot be written (it says why below).
        await ensureStanza(layout, db.url).catch((e: unknown) => console.error(e instanceof Error ? e.message : String(e)));
        const status = await backupStatus(layout, db.url, scheduleOn);
        const stores = storesStatus(config);
        if (values.json) console.log(JSON.stringify({ ...status, stores }, null, 2));
        else {
          printStatus(status);
          printStores(stores);
        }
        return status.archiver?.failing || !status.lastFull || status.info.status.startsWith("UNREADABLE") ? 1 : 0;
      }
      case "restore": {
        if (!values.target) throw new BackupProblem(`--target <new DATA_DIR> is required\n${USAGE}`);
        const to = parseTarget(values.to);
        // Everything committed so far reaches the archive, with a commit after the target for recovery to stop at.
        await writeDrillMark(db.url);
        await switchWalAndWait(db.url);
        const r = await restoreInto(
          layout,
          to,
          values.target,
          async () => undefined,
          (msg) => console.error(msg),
        );
        console.log(
          `restored to ${to === "latest" ? "the end of the archive" : to.toISOString()} in ${r.dataDir} (restore ${r.restoreSeconds.toFixed(1)} s, recovery ${r.recoverySeconds.toFixed(1)} s).\nServe it with: DATA_DIR=${r.dataDir} npm start`,
        );
        return 0;
      }
      case "verify": {
        const report = await runDrill(layout, db.url, (msg) => console.error(msg));
        for (const c of report.checks) console.log(`${c.ok ? "ok  " : "FAIL"}  ${c.name}: ${c.detail}`);
        if (report.ok)
          console.log(
            `drill passed: RPO ${report.rpoSeconds === null ? "n/a (nothing was archived before the drill)" : `${report.rpoSeconds.toFixed(1)} s (age of the newest archived WAL)`}, RTO ${report.rtoSeconds?.toFixed(1)} s`,
          );
        else console.error(`drill FAILED${report.error ? `: ${report.error}` : ""}`);
        return report.ok ? 0 : 1;
      }
      case "export": {
        const out = resolve(
          values.out ?? join(config.DATA_DIR, "exports", `dongne-${new Date().toISOString().replace(/[:.]/g, "-")}.dump`),
        );
        mkdirSync(resolve(out, ".."), { recursive: true });
        await logicalExport(db.url, out);
        console.log(`exported to ${out} (pg_restore --dbname=<url> ${out})`);
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } finally {
    await db.stop();
  }
});
