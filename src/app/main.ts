import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "./config.js";
import { makeHttpServer } from "./http/server.js";
import { makeRuntime } from "./layers.js";
import { makeLogger } from "./logger.js";
import { makeMetrics } from "./metrics.js";
import { makeReadYourWrites } from "./readYourWrites.js";
import { startSearchSync } from "./workers/searchSync.js";

const start = async () => {
  const config = loadConfig();
  const logger = makeLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const metrics = makeMetrics();
  const runtime = makeRuntime({ ...config, DATA_DIR: dataDir }, logger, metrics);
  // Build every layer now (database, migrations), so a bad start fails here with its reason.
  await runtime.context();
  const server = makeHttpServer({
    runtime,
    logger,
    metrics,
    cookieSecure: config.cookieSecure,
    readYourWrites: makeReadYourWrites(config.READ_YOUR_WRITES_MS),
  });
  const stopSync = config.SEARCH_ENGINE_URL
    ? startSearchSync({ runtime, logger, metrics, url: config.SEARCH_ENGINE_URL, alias: config.SEARCH_INDEX_ALIAS })
    : () => {};
  await new Promise<void>((ready) => server.listen(config.PORT, config.HOST, ready));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info(
    {
      url: `http://${config.HOST}:${port}`,
      dataDir,
      database: config.DATABASE_URL ? "external" : "embedded",
      search: config.SEARCH_ENGINE_URL ? "engine" : "postgres",
    },
    "동네물어봐 server listening",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stopSync();
    server.close();
    server.closeIdleConnections();
    await runtime.dispose();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
};

start().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`Failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
