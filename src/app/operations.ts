import { createServer, type Server } from "node:http";
import { Effect, Fiber } from "effect";
import { pgBackRestInstalled } from "../adapters/pgbackrest/PgBackRest.js";
import { layoutOf } from "./backup/archiving.js";
import { storeJobs } from "./backup/storeBackups.js";
import type { Config } from "./config.js";
import { observeRequests } from "./http/requestLog.js";
import type { HttpServer } from "./http/server.js";
import type { AppRuntime } from "./layers.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { appRouter } from "./trpc/router.js";
import { backupScheduler } from "./workers/backupScheduler.js";
import { storeBackupScheduler } from "./workers/storeBackupScheduler.js";

/** /metrics alone, on METRICS_PORT (no token: that port belongs on a private interface). */
const metricsServer = (metrics: Metrics) =>
  createServer((req, res) => {
    if ((req.url ?? "/").split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    void metrics.registry.metrics().then((text) => {
      res.writeHead(200, { "Content-Type": metrics.registry.contentType });
      res.end(text);
    });
  });

/**
 * What the people on call rely on, started beside the HTTP server: the access log and request metrics,
 * /metrics on its own port when METRICS_PORT is set, and the backup worker (embedded PostgreSQL with
 * pgBackRest). Returns how to stop them, before the runtime closes.
 */
export const startOperations = async (deps: {
  readonly config: Config;
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly server: HttpServer;
}): Promise<() => Promise<void>> => {
  const { config, runtime, logger, metrics, server } = deps;
  server.prependListener("request", observeRequests({ logger, metrics, procedures: new Set(Object.keys(appRouter._def.procedures)) }));
  const stops: (() => Promise<void>)[] = [];
  if (config.METRICS_PORT !== undefined) {
    const separate: Server = metricsServer(metrics);
    await new Promise<void>((ready) => separate.listen(config.METRICS_PORT, config.HOST, ready));
    const address = separate.address();
    // Not "listening": that word marks the API server being up.
    logger.info(
      { url: `http://${config.HOST}:${typeof address === "object" && address ? address.port : config.METRICS_PORT}/metrics` },
      "metrics endpoint up",
    );
    stops.push(() => new Promise<void>((done) => separate.close(() => done())));
  }
  if (!config.DATABASE_URL && (await pgBackRestInstalled())) {
    const worker = runtime.runFork(
      backupScheduler({
        layout: layoutOf(config),
        scheduleOn: config.BACKUP_SCHEDULE === "on",
        logger,
        metrics,
        intervalMs: config.BACKUP_CHECK_INTERVAL_MS,
      }).pipe(Effect.asVoid),
    );
    stops.push(() => runtime.runPromise(Fiber.interrupt(worker)).then(() => {}));
  }
  // Redis snapshots and the media sync: with an external PostgreSQL too (they do not depend on it).
  if (config.BACKUP_SCHEDULE === "on") {
    const worker = runtime.runFork(
      storeBackupScheduler({ jobs: storeJobs(config), logger, metrics, intervalMs: config.BACKUP_CHECK_INTERVAL_MS }).pipe(Effect.asVoid),
    );
    stops.push(() => runtime.runPromise(Fiber.interrupt(worker)).then(() => {}));
  }
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
};
