import "../runtimeGuard.js";
import { parseArgs } from "node:util";
import { breachReport } from "../../application/privacy/breachReport.js";
import { loadConfig } from "../config.js";
import { makeLogger } from "../logger.js";
import { runTool, toolRuntime } from "./bootstrap.js";

const USAGE = "usage: npm run privacy:breach -- --from <ISO time> --to <ISO time>";

/**
 * The people whose data a time window touched (개인정보 보호법 제34조: whom to notify after a breach), from
 * the audit of administrators' reads, the location-use records and the sessions active in the window; JSON
 * on stdout. On DATABASE_URL or the embedded database, beside a running service.
 */
await runTool(async () => {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, strict: true });
  const from = new Date(values.from ?? "");
  const to = new Date(values.to ?? "");
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from.getTime() >= to.getTime()) {
    console.error(USAGE);
    return 2;
  }
  const runtime = toolRuntime(loadConfig(), makeLogger("warn"));
  try {
    const report = await runtime.runPromise(breachReport(from, to));
    console.log(
      JSON.stringify(
        {
          from: report.from.toISOString(),
          to: report.to.toISOString(),
          people: report.people.length,
          accountsDeleted: report.accountsDeleted,
          touched: report.people,
        },
        null,
        2,
      ),
    );
    return 0;
  } finally {
    await runtime.dispose();
  }
});
