// The breaker is shared by every guarded dependency (the search engine, Redis); it lives in ../resilience.
export * from "../resilience/CircuitBreaker.js";
