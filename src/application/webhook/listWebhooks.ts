import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { requireAdmin } from "../moderation/actor.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";

/** The webhooks in force, oldest first (the caller strips the secrets). Admins only. */
export const listWebhooks = Effect.fn("listWebhooks")(function* (actorId: UserId) {
  yield* requireAdmin(actorId);
  return yield* (yield* WebhookRepository).list;
});
