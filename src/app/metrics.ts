import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { PoolsSnapshot } from "../adapters/postgres/PgDatabase.js";
import { jobMetrics } from "./jobMetrics.js";

/** Prometheus metrics, served at /metrics. */
export const makeMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "dongne_" });
  let readOutboxPending: (() => Promise<number>) | undefined;
  return {
    registry,
    dependencyUnavailable: new Counter({
      name: "dongne_dependency_unavailable_total",
      help: "Requests answered 503 (try again) because a dependency was down, too slow or overloaded",
      labelNames: ["dependency"],
      registers: [registry],
    }),
    searchFallbacks: new Counter({
      name: "dongne_search_fallback_total",
      help: "Searches answered by PostgreSQL because the search engine failed, was slow (timeout) or was not tried (circuit_open)",
      labelNames: ["operation", "reason"],
      registers: [registry],
    }),
    searchBreakerTransitions: new Counter({
      name: "dongne_search_breaker_transitions_total",
      help: "Changes of the search engine's circuit breaker, by the state entered",
      labelNames: ["to"],
      registers: [registry],
    }),
    searchBreakerOpen: new Gauge({
      name: "dongne_search_breaker_open",
      help: "1 while the search engine's circuit breaker is open or probing (PostgreSQL answers), 0 when closed",
      registers: [registry],
    }),
    searchSyncBatches: new Counter({
      name: "dongne_search_sync_batches_total",
      help: "Outbox batches sent to the search engine",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    searchOutboxPending: new Gauge({
      name: "dongne_search_outbox_pending",
      help: "Question changes waiting for the search engine",
      registers: [registry],
      // Read from the outbox at each scrape, so it is right during an outage too (no batch succeeds then).
      async collect() {
        if (!readOutboxPending) return;
        try {
          this.set(await readOutboxPending());
        } catch {
          // The database is unreachable: the last value stands, and /metrics still answers.
        }
      },
    }),
    activityFallbacks: new Counter({
      name: "dongne_activity_fallback_total",
      help: "Trending reads PostgreSQL answered because the activity counters' store (Redis) could not, by reason",
      labelNames: ["reason"],
      registers: [registry],
    }),
    redisDegraded: new Counter({
      name: "dongne_redis_degraded_total",
      help: "Redis commands that failed, ran over their budget (timeout) or were not tried (circuit_open); the caller fell back",
      labelNames: ["operation", "reason"],
      registers: [registry],
    }),
    redisBreakerTransitions: new Counter({
      name: "dongne_redis_breaker_transitions_total",
      help: "Changes of Redis's circuit breaker, by the state entered",
      labelNames: ["to"],
      registers: [registry],
    }),
    redisBreakerOpen: new Gauge({
      name: "dongne_redis_breaker_open",
      help: "1 while Redis's circuit breaker is open or probing (PostgreSQL answers, caches are skipped), 0 when closed",
      registers: [registry],
    }),
    viewFlushes: new Counter({
      name: "dongne_view_flushes_total",
      help: "Batches of question views written back to PostgreSQL, by outcome",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: "dongne_webhook_deliveries_total",
      help: "Partner webhook delivery attempts by event and outcome (delivered, retry, failed after the last attempt, dropped: webhook removed)",
      labelNames: ["event", "outcome"],
      registers: [registry],
    }),
    ...operationsMetrics(registry),
    ...jobMetrics(registry),
    /** Where the pending gauge reads its value (the outbox table), set once the runtime exists. */
    readOutboxPendingFrom: (reader: () => Promise<number>) => {
      readOutboxPending = reader;
    },
  };
};
export type Metrics = ReturnType<typeof makeMetrics>;

/** Requests, pools, replicas, backups and the drill (issue 14): what the dashboard and alert rules in ops/ read. */
const operationsMetrics = (registry: Registry) => {
  let pools: (() => PoolsSnapshot) | undefined;
  const m = {
    httpRequests: new Counter({
      name: "dongne_http_requests_total",
      help: "Requests answered, by procedure (tRPC path, or the route outside tRPC) and HTTP status",
      labelNames: ["procedure", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "dongne_http_request_duration_seconds",
      help: "Time from a request's arrival to its response's end, by procedure and HTTP status",
      labelNames: ["procedure", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    poolConnections: new Gauge({
      name: "dongne_db_pool_connections",
      help: "Connections of each database pool: total (open), idle, and waiting (requests queued for one)",
      labelNames: ["pool", "state"],
      registers: [registry],
      collect() {
        for (const p of pools?.().pools ?? []) {
          this.set({ pool: p.name, state: "total" }, p.total);
          this.set({ pool: p.name, state: "idle" }, p.idle);
          this.set({ pool: p.name, state: "waiting" }, p.waiting);
        }
      },
    }),
    poolMax: new Gauge({
      name: "dongne_db_pool_max",
      help: "Each database pool's size",
      labelNames: ["pool"],
      registers: [registry],
      collect() {
        for (const p of pools?.().pools ?? []) this.set({ pool: p.name }, p.max);
      },
    }),
    replicaLag: new Gauge({
      name: "dongne_db_replica_lag_seconds",
      help: "Each read replica's lag at its last check (0 when it has replayed all it received)",
      labelNames: ["replica"],
      registers: [registry],
      collect() {
        for (const r of pools?.().replicas ?? [])
          if (r.lagMs !== null && Number.isFinite(r.lagMs)) this.set({ replica: r.name }, r.lagMs / 1000);
      },
    }),
    replicaHealthy: new Gauge({
      name: "dongne_db_replica_healthy",
      help: "1 while a replica takes reads (within the lag threshold and answering), 0 while it is left out",
      labelNames: ["replica"],
      registers: [registry],
      collect() {
        for (const r of pools?.().replicas ?? []) this.set({ replica: r.name }, r.healthy ? 1 : 0);
      },
    }),
    backupLastSuccess: new Gauge({
      name: "dongne_backup_last_success_timestamp_seconds",
      help: "When the last successful PostgreSQL backup of each kind (full, incr) finished, Unix seconds",
      labelNames: ["kind"],
      registers: [registry],
    }),
    backupRuns: new Counter({
      name: "dongne_backup_runs_total",
      help: "Scheduled backups run by this process, by kind and outcome (success, failure)",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    backupRepositoryBytes: new Gauge({
      name: "dongne_backup_repository_bytes",
      help: "Size of the backup repository on disk (backups and WAL archive)",
      registers: [registry],
    }),
    backupNextRun: new Gauge({
      name: "dongne_backup_next_run_timestamp_seconds",
      help: "The next scheduled backup, Unix seconds (absent while the schedule is off)",
      labelNames: ["kind"],
      registers: [registry],
    }),
    walArchiveFailing: new Gauge({
      name: "dongne_wal_archive_failing",
      help: "1 when PostgreSQL's last attempt to archive a WAL segment failed (a gap in point-in-time recovery grows), else 0",
      registers: [registry],
    }),
    walArchiveLastSuccess: new Gauge({
      name: "dongne_wal_archive_last_success_timestamp_seconds",
      help: "When the last WAL segment was archived, Unix seconds",
      registers: [registry],
    }),
    walArchiveFailures: new Gauge({
      name: "dongne_wal_archive_failures",
      help: "Failed archive attempts since the server's statistics were reset (pg_stat_archiver.failed_count)",
      registers: [registry],
    }),
    drillLastSuccess: new Gauge({
      name: "dongne_backup_drill_last_success_timestamp_seconds",
      help: "When the last restore drill (npm run backup:verify) passed, Unix seconds",
      registers: [registry],
    }),
    drillFailing: new Gauge({
      name: "dongne_backup_drill_failing",
      help: "1 when the last restore drill failed, else 0",
      registers: [registry],
    }),
    drillSeconds: new Gauge({
      name: "dongne_backup_drill_seconds",
      help: "The last drill's measurements: rto (restore until the copy accepts connections), rpo (age of the newest archived WAL when it began)",
      labelNames: ["measure"],
      registers: [registry],
    }),
    backupLastFailure: new Gauge({
      name: "dongne_backup_last_failure_timestamp_seconds",
      help: "When the last failure of each backup job happened (postgres, wal_archive, drill, redis, media), Unix seconds; absent until one fails",
      labelNames: ["job"],
      registers: [registry],
    }),
    storeBackupLastSuccess: new Gauge({
      name: "dongne_store_backup_last_success_timestamp_seconds",
      help: "When the newest Redis snapshot (store=redis) or media sync (store=media) in the backup location was taken, Unix seconds (0: none)",
      labelNames: ["store"],
      registers: [registry],
    }),
    storeBackupRuns: new Counter({
      name: "dongne_store_backup_runs_total",
      help: "Scheduled Redis snapshots and media syncs run by this process, by store and outcome (success, failure)",
      labelNames: ["store", "outcome"],
      registers: [registry],
    }),
    storeBackupBytes: new Gauge({
      name: "dongne_store_backup_bytes",
      help: "Bytes the Redis snapshots and the media backup (encrypted objects and manifests) take in the backup location",
      labelNames: ["store"],
      registers: [registry],
    }),
    backupStatusErrors: new Counter({
      name: "dongne_backup_status_errors_total",
      help: "Failures to read the backup repository's or the archiver's status",
      registers: [registry],
    }),
  };
  return {
    ...m,
    /** Where the pool and replica gauges read their values, given by the database layer once its pools exist. */
    observeDatabase: (snapshot: () => PoolsSnapshot) => {
      pools = snapshot;
    },
  };
};
