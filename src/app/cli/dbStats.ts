import "../runtimeGuard.js";
import { parseArgs } from "node:util";
import { databaseSize, indexUsage, slowStatements, statementsUnavailable, tableSizes } from "../../adapters/postgres/PgStats.js";
import { loadConfig } from "../config.js";
import { openToolDatabase, runTool } from "./bootstrap.js";

const USAGE = "usage: db-stats slow [--min-ms 100] [--limit 20] | indexes | sizes   (add --json for JSON)";

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** Prints rows as aligned columns (or JSON). */
const table = (rows: readonly Record<string, unknown>[], json: boolean) => {
  if (json) return console.log(JSON.stringify(rows, null, 2));
  if (rows.length === 0) return console.log("(none)");
  const keys = Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => keys.map((k) => clip(String(r[k] ?? "-"), k === "query" ? 100 : 40)));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log([line(keys), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n"));
};

/**
 * `npm run db:slow` (the seed's slow-query view: mean over 100 ms, hit ratio, from pg_stat_statements),
 * `npm run db:indexes` (usage; unused indexes first), `npm run db:sizes` (tables and indexes). On
 * DATABASE_URL or the embedded database, beside a running service.
 */
await runTool(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { "min-ms": { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } },
    strict: true,
  });
  if (command !== "slow" && command !== "indexes" && command !== "sizes") {
    console.error(USAGE);
    return 2;
  }
  const json = values.json ?? false;
  const db = await openToolDatabase(loadConfig(), (msg) => console.error(msg));
  try {
    if (command === "slow") {
      const problem = await statementsUnavailable(db.url);
      if (problem) {
        console.error(problem);
        return 1;
      }
      const minMs = Number(values["min-ms"] ?? 100);
      const rows = await slowStatements(db.url, minMs, Number(values.limit ?? 20));
      if (!json) console.log(`statements with a mean over ${minMs} ms (pg_stat_statements, since its last reset):`);
      table(rows, json);
    } else if (command === "indexes") {
      const rows = await indexUsage(db.url);
      if (!json)
        console.log(
          `${rows.filter((r) => Number(r.scans) === 0).length} of ${rows.length} indexes unused since the statistics were reset (unique ones enforce constraints: keep them):`,
        );
      table(rows, json);
    } else {
      const rows = await tableSizes(db.url);
      if (!json) console.log(`database ${await databaseSize(db.url)}:`);
      table(
        rows.map(({ total_bytes: _, ...r }) => r),
        json,
      );
    }
    return 0;
  } finally {
    await db.stop();
  }
});
