import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

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
    /** Where the pending gauge reads its value (the outbox table), set once the runtime exists. */
    readOutboxPendingFrom: (reader: () => Promise<number>) => {
      readOutboxPending = reader;
    },
  };
};
export type Metrics = ReturnType<typeof makeMetrics>;
