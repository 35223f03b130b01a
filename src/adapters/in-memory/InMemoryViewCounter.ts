import { Effect, Layer } from "effect";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { ViewCounter } from "../../application/ports/ViewCounter.js";

/** Writes each view straight through; a buffering adapter (Redis) batches instead. */
export const InMemoryViewCounter = Layer.effect(
  ViewCounter,
  Effect.gen(function* () {
    const questions = yield* QuestionRepository;
    return { record: (id) => questions.addToCounters(id, { views: 1 }) };
  }),
);
