import { Effect } from "effect";
import type { AuditEntry } from "../../domain/moderation/moderation.js";
import { Clock } from "../ports/Clock.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";

/** Appends one entry to the moderation audit log (inside the caller's unit of work, so it commits with the action). */
export const recordAudit = Effect.fn("recordAudit")(function* (entry: Omit<AuditEntry, "createdAt">) {
  const now = yield* (yield* Clock).now;
  yield* (yield* ModerationRepository).audit({ ...entry, createdAt: now });
});
