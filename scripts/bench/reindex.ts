// `npm run bench:reindex [-- --questions 100000 --max-seconds 270]`: the search index rebuilt from
// PostgreSQL (`npm run search:reindex`, the path after a restore) at scale, timed. Fills a fresh
// embedded database with synthetic questions, runs the reindex against SEARCH_ENGINE_URL into an alias
// of its own, and follows the new index's document count every 5 s. When the reindex does not finish
// within --max-seconds it is stopped and the rate so far, and the time it projects for all questions,
// are printed instead — marked as a projection. The bench's indices are deleted afterwards. The
// database's own search rows are backfilled before the clock starts, as a restored database has them.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { bulkFillQuestions } from "./bulkFill.js";
import { machine, table } from "./harness.js";

const { values } = parseArgs({ options: { questions: { type: "string" }, "max-seconds": { type: "string" } } });
const questions = Number(values.questions ?? 100_000);
const maxSeconds = Number(values["max-seconds"] ?? 270);
const engine = process.env.SEARCH_ENGINE_URL?.replace(/\/$/, "");
if (!engine) {
  console.error("SEARCH_ENGINE_URL is not set: give the engine to rebuild the index on (e.g. http://127.0.0.1:9200).");
  process.exit(2);
}
const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const alias = `bench-reindex-${Date.now()}`;

/** Documents in the bench's indices (the one being filled), 0 while it does not exist yet. */
const indexed = async () => {
  const r = await fetch(`${engine}/${alias}-*/_count`).catch(() => undefined);
  if (!r?.ok) return 0;
  return ((await r.json()) as { count?: number }).count ?? 0;
};

const dir = mkdtempSync(join(tmpdir(), "dongne-bench-reindex-"));
chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres(dir, () => {});
let child: ChildProcess | undefined;
try {
  await migrate(db.url, loadJejuRegions());
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const filling = performance.now();
  for (let from = 1; from <= questions; from += 20_000) await bulkFillQuestions(client, Math.min(20_000, questions - from + 1), from);
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM questions WHERE status <> 'hidden'");
  await client.end();
  console.error(`filled ${questions} questions (${rows[0]?.n} searchable) in ${s((performance.now() - filling) / 1000)}`);
  // The bulk fill skips PostgreSQL's own search rows, which a real (or restored) database has: migrate
  // backfills them now, untimed, or the reindex tool's start-up would (it migrates too).
  const backfilling = performance.now();
  await migrate(db.url, loadJejuRegions());
  console.error(`PostgreSQL search rows backfilled in ${s((performance.now() - backfilling) / 1000)} (not part of the rebuild)`);

  const started = performance.now();
  let output = "";
  child = spawn(process.execPath, ["--import", "tsx", "src/app/cli/searchAdmin.ts", "reindex"], {
    env: { ...process.env, DATABASE_URL: db.url, SEARCH_INDEX_ALIAS: alias },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((done) => child?.once("exit", (code) => done(code)));
  const samples: [number, number][] = [];
  let code: number | null | undefined;
  while (code === undefined) {
    const tick = await Promise.race([exited, new Promise<"tick">((r) => setTimeout(() => r("tick"), 5_000))]);
    const elapsed = (performance.now() - started) / 1000;
    if (tick !== "tick") code = tick;
    else {
      const n = await indexed();
      samples.push([elapsed, n]);
      console.error(`${s(elapsed)}: ${n} indexed`);
      if (elapsed > maxSeconds) {
        child.kill("SIGTERM");
        await exited;
        code = null;
      }
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const searchable = Number(rows[0]?.n ?? questions);
  let result: string[][];
  if (code === 0) {
    console.error(output.trim());
    const copied = Number(/Reindexed (\d+)/.exec(output)?.[1] ?? searchable);
    result = [
      [
        "search:reindex, complete",
        `${s(elapsed)} for ${copied} documents (${(copied / elapsed).toFixed(0)} per second, start-up included)`,
      ],
    ];
  } else if (code === null) {
    // The rate over the filling phase only: from the first sample with documents to the last.
    const first = samples.find(([, n]) => n > 0) ?? [0, 0];
    const last = samples.at(-1) ?? [elapsed, 0];
    const rate = last[0] > first[0] ? (last[1] - first[1]) / (last[0] - first[0]) : 0;
    result = [
      ["search:reindex, stopped", `after ${s(elapsed)}: ${last[1]} of ${searchable} documents indexed`],
      ["rate while filling", `${rate.toFixed(0)} documents per second`],
      ["PROJECTION for all", rate > 0 ? `${s(first[0] + (searchable - first[1]) / rate)} (not measured to the end)` : "-"],
    ];
  } else throw new Error(`search:reindex exited with ${code}:\n${output}`);
  console.log(`\nbench:reindex — ${questions} questions; ${machine()} (shared machine)\n`);
  console.log(table(["measure", "value"], result));
} finally {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fetch(`${engine}/${alias}-*`, { method: "DELETE" }).catch(() => {});
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
