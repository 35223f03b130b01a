import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** Prometheus metrics, served at /metrics. */
export const makeMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "dongne_" });
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
      help: "Searches answered by PostgreSQL because the search engine failed or was slow",
      labelNames: ["operation"],
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
    }),
  };
};
export type Metrics = ReturnType<typeof makeMetrics>;
