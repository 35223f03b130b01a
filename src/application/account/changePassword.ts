import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound, WrongPassword } from "../errors.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { SessionStore } from "../ports/SessionStore.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { acceptNewPassword } from "./newPassword.js";
import { type ClientInfo, NO_CLIENT, startSession } from "./startSession.js";

/**
 * Needs the current password; the new one follows the registration rules. Every session of the account
 * ends, the caller's too, and the caller gets a fresh one: a token stolen before the change is worth nothing.
 */
export const changePassword = Effect.fn("changePassword")(function* (
  userId: UserId,
  input: { readonly currentPassword: string; readonly newPassword: string },
  client: ClientInfo = NO_CLIENT,
) {
  const users = yield* UserRepository;
  const hasher = yield* PasswordHasher;
  const user = yield* users.findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  if (!(yield* hasher.verify(user.passwordHash, input.currentPassword))) return yield* Effect.fail(WrongPassword);
  yield* acceptNewPassword(input.newPassword, user);
  const passwordHash = yield* hasher.hash(input.newPassword);
  // Hashing is slow: the row is locked only for the write, and re-read under the lock so nothing else is lost.
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const current = yield* users.findForUpdate(userId);
      if (!current) return yield* Effect.fail(UserNotFound);
      yield* users.saveProfile({ ...current, passwordHash });
    }),
  );
  const ended = yield* (yield* SessionStore).revoke({ _tag: "AllOf", userId });
  const session = yield* startSession(userId, client);
  // The caller's own old session is among those ended; it continues as the fresh one.
  return { session, otherSessionsEnded: Math.max(0, ended.length - 1) };
});
