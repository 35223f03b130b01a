import { Layer } from "effect";
import { FetchHttpClient } from "effect/http";
import { OtlpSerialization, OtlpTracer } from "effect/observability";
import type { Config } from "./config.js";

/**
 * OpenTelemetry traces of the Effect spans (each use case is an `Effect.fn` span, each API call a span
 * around it), exported over OTLP/HTTP JSON to OTEL_EXPORTER_OTLP_ENDPOINT with Effect's own exporter;
 * nothing when the variable is unset. Spans are sent each second and flushed when the runtime closes.
 */
export const tracingLayer = (config: Pick<Config, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_SERVICE_NAME">) => {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return Layer.empty;
  return OtlpTracer.layer({
    url: `${endpoint.replace(/\/+$/, "")}/v1/traces`,
    resource: { serviceName: config.OTEL_SERVICE_NAME, attributes: { "deployment.environment": process.env.NODE_ENV ?? "development" } },
    exportInterval: "1 second",
    shutdownTimeout: "3 seconds",
  }).pipe(Layer.provide(OtlpSerialization.layerJson), Layer.provide(FetchHttpClient.layer));
};
