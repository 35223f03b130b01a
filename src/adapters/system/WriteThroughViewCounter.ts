import { Effect, Layer } from "effect";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { ViewCounter } from "../../application/ports/ViewCounter.js";

/** Writes each view straight to the question store; a buffering adapter (Redis) will batch instead. */
export const WriteThroughViewCounter = Layer.effect(
  ViewCounter,
  Effect.gen(function* () {
    const questions = yield* QuestionRepository;
    return { record: (id) => questions.addToCounters(id, { views: 1 }) };
  }),
);
