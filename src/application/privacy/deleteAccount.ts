import { Effect } from "effect";
import { anonymisedUser, DELETED_AUTHOR_NICKNAME } from "../../domain/privacy/erasure.js";
import type { UserId } from "../../domain/shared/ids.js";
import { AccountPasswordWrong, UserNotFound } from "../errors.js";
import { removeUserMedia } from "../media/removeMedia.js";
import { Clock } from "../ports/Clock.js";
import { ConsentRepository } from "../ports/ConsentRepository.js";
import { Events, questionWritten } from "../ports/Events.js";
import { FollowRepository } from "../ports/FollowRepository.js";
import { LocationLog } from "../ports/LocationLog.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { PersonalData } from "../ports/PersonalData.js";
import { PrivacyAudit } from "../ports/PrivacyAudit.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { SessionStore } from "../ports/SessionStore.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";

/**
 * Deletes the caller's account at once (개인정보 보호법 제21조: without delay). In one unit of work: the account
 * row is anonymised (email, nickname, profile, birth year gone; its id stays as a pseudonym for the ledger and
 * the community's posts), consents, location records, notifications, badges and stored idempotent answers are
 * deleted, the questions lose their coordinates, and the events that refresh every question page and search
 * document naming the author are recorded. Then every session ends through the session store (its cache
 * drops them everywhere), the images leave the object store, and a deletion record without personal data is
 * written. See docs/privacy.md.
 */
export const deleteAccount = Effect.fn("deleteAccount")(function* (userId: UserId, password: string) {
  const users = yield* UserRepository;
  const user = yield* users.findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  if (!(yield* (yield* PasswordHasher).verify(user.passwordHash, password))) return yield* Effect.fail(AccountPasswordWrong);
  const now = yield* (yield* Clock).now;
  const traces = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const current = yield* users.findForUpdate(userId);
      if (!current) return yield* Effect.fail(UserNotFound);
      const traces = yield* (yield* PersonalData).eraseTraces(userId, DELETED_AUTHOR_NICKNAME);
      yield* (yield* ConsentRepository).eraseFor(userId);
      yield* (yield* LocationLog).eraseFor(userId);
      // Follows and digest records go; the notification settings are reset by the anonymised profile.
      yield* (yield* FollowRepository).removeAllOf(userId);
      // Webhooks an admin registered are the partners': they keep running, without who registered them.
      yield* (yield* WebhookRepository).forgetCreator(userId);
      // A deleted moderator or administrator keeps no powers (the pseudonymous id stays in the audit log).
      yield* (yield* ModerationRepository).setRole(userId, "user");
      yield* users.saveProfile(anonymisedUser(current, now));
      // Their questions' search rows are rewritten with the new author name (the projection rides on the event).
      const questions = yield* (yield* QuestionRepository).findByIds(traces.questionIds);
      const own = new Set<string>(traces.questionIds);
      yield* (yield* Events).record([
        { _tag: "AuthorChanged", userId },
        ...questions.map((q) => questionWritten(q, DELETED_AUTHOR_NICKNAME)),
        ...traces.answeredQuestionIds.filter((id) => !own.has(id)).map((questionId) => ({ _tag: "QuestionChanged", questionId }) as const),
      ]);
      return traces;
    }),
  );
  const sessionsEnded = yield* (yield* SessionStore).revoke({ _tag: "AllOf", userId });
  const imagesRemoved = yield* removeUserMedia(userId);
  yield* (yield* PrivacyAudit).recordDeletion({
    at: now,
    questionsKept: traces.questionIds.length,
    answersKept: traces.answers,
    ledgerRowsKept: traces.ledgerRows,
    imagesRemoved,
  });
  return {
    deletedAt: now,
    sessionsEnded: sessionsEnded.length,
    questionsKept: traces.questionIds.length,
    answersKept: traces.answers,
    imagesRemoved,
  };
});
