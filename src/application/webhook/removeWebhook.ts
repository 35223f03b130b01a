import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { WebhookNotFound } from "../../domain/webhook/webhook.js";
import { requireAdmin } from "../moderation/actor.js";
import { recordAudit } from "../moderation/audit.js";
import { Clock } from "../ports/Clock.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";

/**
 * An admin removes a webhook: no new deliveries; those still pending are dropped at their next attempt; the log
 * stays readable. Audited.
 */
export const removeWebhook = Effect.fn("removeWebhook")(function* (actorId: UserId, id: string) {
  yield* requireAdmin(actorId);
  const now = yield* (yield* Clock).now;
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      if (!(yield* (yield* WebhookRepository).remove(id, now))) return yield* Effect.fail(WebhookNotFound);
      yield* recordAudit({ actorId, action: "remove_webhook", target: { type: "webhook", id }, detail: {} });
      return { removed: true as const };
    }),
  );
});
