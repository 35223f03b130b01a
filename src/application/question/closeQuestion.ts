import { Effect } from "effect";
import { closeQuestion as close } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";

export const closeQuestion = Effect.fn("closeQuestion")(function* (id: QuestionId, actorId: UserId) {
  const questions = yield* QuestionRepository;
  const now = yield* (yield* Clock).now;
  const closed = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const question = yield* questions.findForUpdate(id);
      if (!question || question.status === "hidden") return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
      const closed = yield* fromDomain(close(question, actorId, now));
      yield* questions.save(closed);
      yield* (yield* Events).record([{ _tag: "QuestionChanged", questionId: id }]);
      return closed;
    }),
  );
  return closed;
});
