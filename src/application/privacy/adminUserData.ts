import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { requireAdmin } from "../moderation/actor.js";
import { Clock } from "../ports/Clock.js";
import { PrivacyAudit } from "../ports/PrivacyAudit.js";
import { UserRepository } from "../ports/UserRepository.js";
import { getConsents } from "./consents.js";

/** Writes the audit row of an administrator's read of someone's personal data (before the data is returned). */
export const recordPersonalDataRead = Effect.fn("recordPersonalDataRead")(function* (adminId: UserId, subjectUserId: UserId, what: string) {
  const at = yield* (yield* Clock).now;
  yield* (yield* PrivacyAudit).recordRead({ adminId, subjectUserId, what, at });
});

/** An administrator's look at one account (support, abuse): audited, whoever it is. */
export const adminUserData = Effect.fn("adminUserData")(function* (adminId: UserId, subjectUserId: UserId) {
  yield* requireAdmin(adminId);
  const user = yield* (yield* UserRepository).findById(subjectUserId);
  if (!user) return yield* Effect.fail(UserNotFound);
  yield* recordPersonalDataRead(adminId, subjectUserId, "admin.userData");
  return { user, consents: yield* getConsents(subjectUserId) };
});
