import { Effect, Layer } from "effect";
import { QuestionPages } from "../../src/application/ports/QuestionPages.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";

/** A question store whose every operation dies with `defect` (a bug, or an outage); its page reader too. */
export const questionsThatDie = (defect: () => Error) => {
  const die = () => Effect.die(defect());
  return Layer.succeed(QuestionRepository, {
    insert: die,
    findById: die,
    findByIds: die,
    findForUpdate: die,
    findForUpdateByAnswer: die,
    save: die,
    list: die,
    nearby: die,
    addToCounters: die,
    addViews: die,
  }).pipe(Layer.merge(Layer.succeed(QuestionPages, { find: die })));
};
