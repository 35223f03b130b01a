import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "./config.js";
import { makeHttpServer } from "./http/server.js";
import { makeRuntime } from "./layers.js";
import { makeLogger } from "./logger.js";

const start = async () => {
  const config = loadConfig();
  const logger = makeLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const runtime = makeRuntime(config);
  const server = makeHttpServer({ runtime, logger, cookieSecure: config.cookieSecure });
  await new Promise<void>((ready) => server.listen(config.PORT, config.HOST, ready));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ url: `http://${config.HOST}:${port}`, dataDir, storage: "in-memory" }, "동네물어봐 server listening");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close();
    server.closeIdleConnections();
    await runtime.dispose();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
};

start().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error("Failed to start:", err);
  process.exit(1);
});
