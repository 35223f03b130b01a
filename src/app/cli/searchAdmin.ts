import "../runtimeGuard.js";
import { SearchAdmin } from "../../application/ports/SearchAdmin.js";
import { checkSearchDrift, type DriftReport } from "../../application/search/checkSearchDrift.js";
import { reindexSearch } from "../../application/search/reindexSearch.js";
import { repairSearchDrift } from "../../application/search/repairSearchDrift.js";
import { loadConfig } from "../config.js";
import { makeLogger } from "../logger.js";
import { runTool, toolRuntime } from "./bootstrap.js";

const summary = (r: DriftReport) => ({
  listed: r.listed,
  indexed: r.indexed,
  pending: r.pending,
  drift: r.drift,
  missing: r.missing.slice(0, 20),
  mismatched: r.mismatched.slice(0, 20),
  unexpected: r.unexpected.slice(0, 20),
  counts: { missing: r.missing.length, mismatched: r.mismatched.length, unexpected: r.unexpected.length },
});

const USAGE = "usage: search-admin reindex | drift [--repair]";

/**
 * `npm run search:reindex` rebuilds the index behind the alias; `npm run search:drift [-- --repair]` checks
 * every document against the database (exit 1 on drift) and repairs. Both are use cases on the service's
 * composition, on the database a running service shares (see bootstrap.ts).
 */
await runTool(async () => {
  const [command, ...flags] = process.argv.slice(2);
  const repair = flags.includes("--repair");
  if ((command !== "reindex" && command !== "drift") || flags.some((f) => f !== "--repair") || (repair && command !== "drift")) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (!config.SEARCH_ENGINE_URL) {
    console.error("SEARCH_ENGINE_URL is not set: there is no search engine to manage (search runs on PostgreSQL).");
    return 2;
  }
  const alias = config.SEARCH_INDEX_ALIAS;
  const runtime = toolRuntime(config, makeLogger("warn"));
  try {
    if (command === "reindex") {
      const r = await runtime.runPromise(reindexSearch());
      console.log(
        `Reindexed ${r.copied} questions into ${r.index}; alias ${alias} moved (dropped: ${r.dropped.join(", ") || "none"}); ${r.requeued} re-queued for changes made meanwhile.`,
      );
      return 0;
    }
    const indices = await runtime.runPromise(SearchAdmin.use((a) => a.aliasTargets));
    const found = await runtime.runPromise(checkSearchDrift());
    if (!repair || !found.drift) {
      console.log(JSON.stringify({ alias, indices, ...summary(found) }, null, 2));
      return found.drift ? 1 : 0;
    }
    const repaired = await runtime.runPromise(repairSearchDrift(found));
    const after = await runtime.runPromise(checkSearchDrift());
    console.log(
      JSON.stringify(
        {
          alias,
          indices,
          ...summary(found),
          repair: { repaired: repaired.repaired.length, skipped: repaired.skipped.slice(0, 20) },
          after: summary(after),
        },
        null,
        2,
      ),
    );
    return after.drift ? 1 : 0;
  } finally {
    await runtime.dispose();
  }
});
