import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { WebhookNotFound } from "../../domain/webhook/webhook.js";
import { requireAdmin } from "../moderation/actor.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";
import { decodeCursor, encodeCursor } from "../shared/cursor.js";

const isDeliveryKey = (v: unknown): v is { o: number; d: string } =>
  typeof v === "object" &&
  v !== null &&
  Number.isSafeInteger((v as { o?: unknown }).o) &&
  typeof (v as { d?: unknown }).d === "string" &&
  (v as { d: string }).d.length <= 64;

/** A webhook's delivery log (a removed webhook's too), newest first, a page at a time. Admins only. */
export const webhookDeliveries = Effect.fn("webhookDeliveries")(function* (
  actorId: UserId,
  webhookId: string,
  limit: number,
  cursor?: string,
) {
  yield* requireAdmin(actorId);
  const repo = yield* WebhookRepository;
  if (!(yield* repo.findById(webhookId))) return yield* Effect.fail(WebhookNotFound);
  const key = yield* decodeCursor(cursor, isDeliveryKey);
  const items = yield* repo.deliveries(webhookId, limit, key ? { createdAt: new Date(key.o), id: key.d } : undefined);
  const last = items.at(-1);
  return { items, nextCursor: items.length === limit && last ? encodeCursor({ o: last.createdAt.getTime(), d: last.id }) : null };
});
