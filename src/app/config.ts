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
  /** One Redis node (redis://…); without it and REDIS_CLUSTER_NODES, in-process twins serve cache, counters and sessions cache. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** A Redis Cluster: comma-separated host:port of some of its nodes. */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, "host:port 형식이어야 합니다"))),
  /** Longest one Redis command may take before the caller falls back (PostgreSQL, no cache). */
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(5).max(2_000).default(100),
  /** Failed or late Redis commands in a row that open its circuit breaker. */
  REDIS_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(3),
  /** How long the open Redis breaker refuses commands before one probes Redis. */
  REDIS_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Put before every Redis key and channel (several deployments sharing one Redis). */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/)
    .default(""),
  /** How often buffered question views are written back to PostgreSQL (also every 10 views of a question). */
  VIEW_FLUSH_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
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
  if (c.REDIS_URL && c.REDIS_CLUSTER_NODES.length > 0)
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_URL: set either REDIS_URL (one node) or REDIS_CLUSTER_NODES (a cluster), not both",
    );
  return { ...c, cookieSecure: c.COOKIE_SECURE ? c.COOKIE_SECURE === "true" : c.NODE_ENV === "production" };
};
