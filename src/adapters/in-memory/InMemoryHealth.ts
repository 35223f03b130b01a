import { Effect, Layer } from "effect";
import { HealthChecks } from "../../application/ports/HealthCheck.js";

/** The in-memory store is the database here, and it is always there. */
export const InMemoryHealth = Layer.succeed(HealthChecks, { checks: [{ name: "database", essential: true, ping: Effect.void }] });
