// `npm run bench:restore [-- --questions 100000]`: RPO and RTO of the embedded service's backups at
// scale. Fills a fresh embedded database (archiving to its own encrypted pgBackRest repository), takes
// a full backup, measures how long a commit waits for the archive (the RPO: archive_timeout bounds it),
// runs the restore drill (the RTO), and prints pg_dump / pg_restore on the same data beside them as the
// baseline; with SEARCH_ENGINE_URL and --search also the search index's rebuild from PostgreSQL.
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { backupLayout, prepareBackups } from "../../src/adapters/pgbackrest/PgBackRest.js";
import { ARCHIVE_TIMEOUT_S, startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { archiverStatus, writeDrillMark } from "../../src/adapters/postgres/PgOperations.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { takeBackup } from "../../src/app/backup/backups.js";
import { runDrill } from "../../src/app/backup/drill.js";
import { directoryBytes } from "../../src/app/backup/status.js";
import { bulkFillQuestions } from "./bulkFill.js";
import { machine, table } from "./harness.js";

const { values } = parseArgs({ options: { questions: { type: "string" }, search: { type: "boolean" } } });
const questions = Number(values.questions ?? 100_000);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<number>((done, fail) => {
    const started = performance.now();
    execFile(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, _o, stderr) =>
      error ? fail(new Error(`${cmd} failed: ${stderr || error.message}`)) : done((performance.now() - started) / 1000),
    );
  });

const dir = mkdtempSync(join(tmpdir(), "dongne-bench-restore-"));
chmodSync(dir, 0o755);
const layout = backupLayout(dir);
const db = await startEmbeddedPostgres(dir, () => {}, { archiveCommand: prepareBackups(layout) });
try {
  await migrate(db.url, loadJejuRegions());
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const filling = performance.now();
  for (let from = 1; from <= questions; from += 20_000) await bulkFillQuestions(client, Math.min(20_000, questions - from + 1), from);
  console.error(`filled ${questions} questions in ${s((performance.now() - filling) / 1000)}`);
  const { rows } = await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size");
  await client.end();

  const backup = await takeBackup(layout, db.url, "full");
  console.error(`full backup ${s(backup.seconds)}, stored ${mib(backup.set.repositoryBytes)}`);
  const dumpFile = join(dir, "baseline.dump");
  const dumpSeconds = await run("pg_dump", ["--format=custom", `--file=${dumpFile}`, `--dbname=${db.url}`]);
  console.error(`baseline pg_dump ${s(dumpSeconds)}, ${mib(statSync(dumpFile).size)}`);

  // RPO as it happens: a commit, then the wait until the archive holds a segment written after it (no forced switch).
  const mark = await writeDrillMark(db.url);
  let archivedAfter = Number.NaN;
  for (const until = Date.now() + (ARCHIVE_TIMEOUT_S + 30) * 1000; Date.now() < until; ) {
    const a = await archiverStatus(db.url);
    if (a.lastArchivedAt && a.lastArchivedAt > mark.at) {
      archivedAfter = (a.lastArchivedAt.getTime() - mark.at.getTime()) / 1000;
      console.error(`a commit reached the archive after ${s(archivedAfter)} (no forced switch)`);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const drill = await runDrill(layout, db.url);
  if (!drill.ok) throw new Error(`the drill failed: ${drill.error ?? JSON.stringify(drill.checks)}`);
  const measured = drill.checks.find((c) => c.name === "measured")?.detail ?? "";
  console.error(`drill: RPO ${drill.rpoSeconds} s, RTO ${drill.rtoSeconds} s (${measured})`);

  // Baseline RTO: the logical dump restored into a new database on the same server.
  const target = new URL(db.url);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS bench_restore_baseline");
  await admin.query("CREATE DATABASE bench_restore_baseline");
  await admin.end();
  target.pathname = "/bench_restore_baseline";
  const pgRestoreSeconds = await run("pg_restore", ["--no-owner", `--dbname=${target.toString()}`, dumpFile]);
  console.error(`baseline pg_restore ${s(pgRestoreSeconds)}`);

  let reindex: string | undefined;
  if (process.env.SEARCH_ENGINE_URL && process.argv.includes("--search")) {
    const alias = `bench-restore-${Date.now()}`;
    const seconds = await run(process.execPath, ["--import", "tsx", "src/app/cli/searchAdmin.ts", "reindex"], {
      DATABASE_URL: db.url,
      SEARCH_INDEX_ALIAS: alias,
    });
    reindex = s(seconds);
    await fetch(`${process.env.SEARCH_ENGINE_URL}/${alias}-*`, { method: "DELETE" }).catch(() => {});
  }

  console.log(`\nbench:restore — ${questions} questions, database ${mib(Number(rows[0]?.size ?? 0))}; ${machine()} (shared machine)\n`);
  console.log(
    table(
      ["measure", "pgBackRest (PITR)", "baseline: pg_dump / pg_restore"],
      [
        [
          "full backup",
          `${s(backup.seconds)}, stored ${mib(backup.set.repositoryBytes)} (lz4, aes-256-cbc)`,
          `${s(dumpSeconds)}, ${mib(statSync(dumpFile).size)}`,
        ],
        [
          "RPO: a commit until archived (no forced switch)",
          Number.isNaN(archivedAfter) ? "not archived in time" : s(archivedAfter),
          "the last dump's age (daily: up to 24 h)",
        ],
        ["RPO at the drill's start (age of newest archived WAL)", s(drill.rpoSeconds ?? Number.NaN), "-"],
        [
          "RTO: restore + recovery until it accepts connections",
          s(drill.rtoSeconds ?? Number.NaN),
          `${s(pgRestoreSeconds)} (pg_restore into an empty database)`,
        ],
        ["drill details", measured, "-"],
        ...(reindex ? [["search index rebuild from PostgreSQL (npm run search:reindex)", reindex, "-"]] : []),
        ["repository on disk", mib(directoryBytes(layout.repoPath)), "-"],
      ],
    ),
  );
  for (const c of drill.checks) console.log(`${c.ok ? "ok  " : "FAIL"}  ${c.name}: ${c.detail}`);
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
