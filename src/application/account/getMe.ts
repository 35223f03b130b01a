import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { UserRepository } from "../ports/UserRepository.js";

export const getMe = Effect.fn("getMe")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  return user;
});
