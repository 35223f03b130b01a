import { randomUUID } from "node:crypto";
import { Effect, Layer } from "effect";
import { Ids } from "../../application/ports/Ids.js";

export const RandomIds = Layer.succeed(Ids, { next: Effect.sync(() => randomUUID()) });
