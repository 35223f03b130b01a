import "../runtimeGuard.js";
import { JobQueue } from "../../application/ports/JobQueue.js";
import { loadConfig } from "../config.js";
import { makeLogger } from "../logger.js";
import { runTool, toolRuntime } from "./bootstrap.js";

const USAGE = "usage: jobs failed | jobs retry <id>... | jobs counts";

/**
 * `npm run jobs:failed` lists jobs that used up their attempts (type, attempts, last error, payload) as JSON;
 * `npm run jobs:retry -- <id>...` gives them their attempts back, due now; `npm run jobs:counts` per type.
 */
await runTool(async () => {
  const [command, ...ids] = process.argv.slice(2);
  if ((command !== "failed" && command !== "retry" && command !== "counts") || (command === "retry" && ids.length === 0)) {
    console.error(USAGE);
    return 2;
  }
  const runtime = toolRuntime(loadConfig(), makeLogger("warn"));
  try {
    if (command === "failed") console.log(JSON.stringify(await runtime.runPromise(JobQueue.use((q) => q.failed(100))), null, 2));
    else if (command === "counts") console.log(JSON.stringify(await runtime.runPromise(JobQueue.use((q) => q.counts)), null, 2));
    else console.log(`${await runtime.runPromise(JobQueue.use((q) => q.retry(ids)))} job(s) due again`);
    return 0;
  } finally {
    await runtime.dispose();
  }
});
