import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Marks session cookies Secure; on by default in production. */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  /** The primary; without it an embedded PostgreSQL runs under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Comma-separated read replicas. */
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(",")
            .map((u) => u.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/ }))),
  /** Connections in each request pool: reads, and writes (units of work); and per replica. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Connections for workers and admin tools, apart from the request pools. */
  DATABASE_BACKGROUND_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(3),
  /** Longest a request's statement may run (PostgreSQL statement_timeout). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Longest a request's statement may wait for a row lock (lock_timeout); the unit of work is then retried. */
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** Longest a request may wait for a pooled connection. */
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** A replica further behind than this takes no reads until it catches up. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /** How often each replica's lag is measured; one that does not answer within it is left out. */
  DATABASE_REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /** How long after a write a user's reads stay on the primary (read-your-writes with replicas). */
  READ_YOUR_WRITES_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** An OpenSearch (nori) endpoint; without it search runs on PostgreSQL alone. */
  SEARCH_ENGINE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SEARCH_INDEX_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .default("dongne-questions"),
  /** How long a search, suggest or trending call may wait for the engine before PostgreSQL answers (at most 1 s). */
  SEARCH_ENGINE_TIMEOUT_MS: z.coerce.number().int().min(10).max(1_000).default(1_000),
  /** Failed or late engine calls in a row that open the circuit breaker (PostgreSQL answers at once). */
  SEARCH_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(3),
  /** How long the open breaker keeps the engine out before one call probes it. */
  SEARCH_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** pgBackRest's repository (a path); DATA_DIR/backup/repo by default. Put it on another disk. */
  BACKUP_REPO_PATH: z.string().min(1).optional(),
  /** The repository's encryption key; without it one is generated once in DATA_DIR/backup.secret. */
  BACKUP_CIPHER_PASS: z.string().min(16).optional(),
  /** Scheduled backups inside the service (full weekly, incremental daily); off leaves them to a timer. */
  BACKUP_SCHEDULE: z.enum(["on", "off"]).default("on"),
  /** Bearer token /metrics requires; without it one is generated once in DATA_DIR/metrics.token. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Serve /metrics on this port (on HOST, no token) instead of the API port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** An OTLP/HTTP collector (e.g. http://127.0.0.1:4318): the Effect spans are exported there as traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("dongne-ask"),
});

export type Config = Readonly<z.infer<typeof schema>> & { readonly cookieSecure: boolean };

export class ConfigError extends Error {}

/** Reads and validates the environment once at start-up, naming each bad variable. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return { ...c, cookieSecure: c.COOKIE_SECURE ? c.COOKIE_SECURE === "true" : c.NODE_ENV === "production" };
};
