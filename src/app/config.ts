import { z } from "zod";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A rate-limit budget such as `10/15m` (10 per 15 minutes) or `20/h`: attempts per window. */
const budget = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const m = s.trim().match(/^(\d+)\s*\/\s*(\d*)\s*(s|m|h|d)$/);
      const points = Number(m?.[1]);
      const windowMs = Number(m?.[2] || 1) * UNIT_MS[(m?.[3] ?? "s") as keyof typeof UNIT_MS];
      if (!m || points < 1 || windowMs < 1_000) {
        ctx.addIssue({ code: "custom", message: "expected attempts/window, e.g. 10/15m, 20/h, 5/30s" });
        return z.NEVER;
      }
      return { points, windowMs };
    });
const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

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
  /** The S3 bucket for images; without it images live under DATA_DIR/media, served by the service. */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .optional(),
  /** An S3-compatible endpoint (S3Proxy, MinIO, R2…); AWS S3 itself when unset. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default("ap-northeast-2"),
  /** Keys for the bucket; when unset, the AWS default chain (AWS_ACCESS_KEY_ID…, a profile, an instance role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (`endpoint/bucket/key`), as most S3-compatible stores need; on by default with S3_ENDPOINT. */
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
  /** A public base URL (CDN or public bucket) serving `images/…` unsigned; signed, expiring URLs otherwise. */
  S3_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Each object-store call's time budget. */
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Uploads one user may start per Korean calendar day. */
  MEDIA_UPLOADS_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(50),
  /** How long a signed image URL stays valid (it stays the same for half of it, so a CDN can cache it). */
  MEDIA_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(6 * 3600),
  /** The local store's URLs: absolute under this base (the service as clients reach it), else paths on the service's origin. */
  MEDIA_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How often uploads never attached within 24 h are looked for and deleted. */
  MEDIA_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
  /** The site's public origin (e.g. https://dongne.example) for canonical URLs and sitemap.xml; else each request's Host. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the web app's bundle was built (`npm run build` writes dist/web). */
  WEB_DIR: z.string().min(1).optional(),
  /** Absolute session lifetime, however active (the seed's 24 h). */
  SESSION_LIFETIME_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** A session without a request for this long ends. */
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(5).max(43_200).default(120),
  /** `off` switches every rate limit off at once (load tests, bulk imports, an emergency). */
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  /** Where the counters live: PostgreSQL (shared by every service process) or this process's memory. */
  RATE_LIMIT_STORE: z.enum(["postgres", "memory"]).default("postgres"),
  /** Sign-in attempts per account (email), from anywhere; a success clears them. */
  RATE_LIMIT_LOGIN_PER_ACCOUNT: budget("10/15m"),
  /** Failed sign-in attempts per client address, over all accounts. */
  RATE_LIMIT_LOGIN_PER_ADDRESS: budget("100/h"),
  /** Registration attempts per email. */
  RATE_LIMIT_REGISTER_PER_ACCOUNT: budget("5/h"),
  /** Registrations per client address (a hotel or a household shares one). */
  RATE_LIMIT_REGISTER_PER_ADDRESS: budget("20/h"),
  /** `off` switches only the posting limits below off (an import, a load test); RATE_LIMITS=off switches them off too. */
  POSTING_LIMITS: z.enum(["on", "off"]).default("on"),
  /** Questions a new user (younger than NEW_USER_HOURS, not a verified local) may ask. */
  RATE_LIMIT_NEW_USER_QUESTIONS: budget("3/d"),
  /** Answers a new user may post: one a minute. */
  RATE_LIMIT_NEW_USER_ANSWERS: budget("1/m"),
  /** The same text by the same author: once per window (everyone). */
  RATE_LIMIT_REPOST: budget("1/5m"),
  /** How long an account counts as new (unless its owner is a verified local). */
  NEW_USER_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .default(24),
  /** Links a new user's answer may carry. */
  NEW_USER_MAX_LINKS: z.coerce.number().int().min(0).max(100).default(2),
  /** Distinct users' flags that hide a post pending review. */
  MODERATION_FLAG_THRESHOLD: z.coerce.number().int().min(1).max(100).default(3),
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs, or loopback/linklocal/uniquelocal); none by default. */
  TRUSTED_PROXIES: list,
  /** Origins (scheme://host[:port]) besides the service's own that may send cookie-authenticated writes and CORS requests. */
  ALLOWED_ORIGINS: list.pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** Password hashes computed at once (each takes a core for ~20–40 ms); by default half the cores. */
  ARGON2_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Longest a sign-in waits for a hashing turn before it is told to try again (503). */
  ARGON2_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(5_000),
  /** The hashing threads' scheduling priority (Linux nice, 0–19): above 0, a login storm yields CPU to requests. */
  ARGON2_NICE: z.coerce.number().int().min(0).max(19).default(0),
  /** pgBackRest's repository (a path); DATA_DIR/backup/repo by default. Put it on another disk. */
  BACKUP_REPO_PATH: z.string().min(1).optional(),
  /** The repository's encryption key; without it one is generated once in DATA_DIR/backup.secret. */
  BACKUP_CIPHER_PASS: z.string().min(16).optional(),
  /** Scheduled backups inside the service (full weekly, incremental daily); off leaves them to a timer. */
  BACKUP_SCHEDULE: z.enum(["on", "off"]).default("on"),
  /** Where the Redis snapshots and the media backup go (encrypted); DATA_DIR/backup/stores by default. Put it on another disk. */
  BACKUP_STORES_PATH: z.string().min(1).optional(),
  /** How often the backup workers check status and what is due (tests shorten it). */
  BACKUP_CHECK_INTERVAL_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  /** Bearer token /metrics requires; without it one is generated once in DATA_DIR/metrics.token. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Serve /metrics on this port (on HOST, no token) instead of the API port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** An OTLP/HTTP collector (e.g. http://127.0.0.1:4318): the Effect spans are exported there as traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("dongne-ask"),
  /** Anonymous and public reads show a question's location snapped to a grid of this many metres (0: exact). */
  PUBLIC_LOCATION_PRECISION_M: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Notifications older than this are deleted (days). */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Raw hashtag uses behind trending older than this are deleted (days; trending reads at most 7). */
  TRENDING_RETENTION_DAYS: z.coerce.number().int().min(8).max(3650).default(30),
  /** `on` lets partner webhooks use http, local names and private addresses (tests, development); never in production. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(["on", "off"]).default("off"),
  /** Attempts per webhook delivery, the first included, before it is left `failed` (retries back off e^n seconds). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** One attempt's time budget, connection to response head. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
});

export type Config = Readonly<z.infer<typeof schema>> & { readonly cookieSecure: boolean };

export class ConfigError extends Error {}

/** The S3 variables only make sense together: a bucket for an endpoint, both halves of a key. */
const s3ConfigProblems = (c: z.infer<typeof schema>) => [
  ...(c.S3_ENDPOINT && !c.S3_BUCKET ? ["  S3_BUCKET: required when S3_ENDPOINT is set"] : []),
  ...(!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY ? ["  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither"] : []),
];

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
  const s3 = s3ConfigProblems(c);
  if (s3.length > 0) throw new ConfigError(`Invalid configuration:\n${s3.join("\n")}`);
  return { ...c, cookieSecure: c.COOKIE_SECURE ? c.COOKIE_SECURE === "true" : c.NODE_ENV === "production" };
};
