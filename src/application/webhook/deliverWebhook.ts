import { Effect } from "effect";
import { retryDelayMs, shortError } from "../../domain/webhook/webhook.js";
import { Clock } from "../ports/Clock.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";
import { WebhookPolicy, WebhookSender, WebhookSigner } from "../ports/WebhookSender.js";

export const WEBHOOK_USER_AGENT = "DongneAsk-Webhooks/1";

/** An attempt that did not get a 2xx: failing the job makes the queue retry it with its backoff. */
export interface WebhookAttemptFailed {
  readonly _tag: "WebhookAttemptFailed";
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly attempts: number;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export type DeliveryOutcome =
  | {
      readonly outcome: "delivered" | "failed";
      readonly webhookId: string;
      readonly attempts: number;
      readonly statusCode: number | null;
      readonly error: string | null;
    }
  /** Nothing was sent: unknown, not pending any more (a duplicate run), or its webhook was removed. */
  | { readonly outcome: "skipped" | "dropped" };

/**
 * One attempt at a delivery (the `webhook.deliver` job): POSTs the stored payload, signed afresh, to the webhook's
 * URL. A 2xx marks it delivered. Anything else is recorded (status code or error, the next attempt's time) and fails
 * the job, so the queue retries with backoff; the attempt that reaches the policy's maxAttempts marks it failed and
 * ends the job. No unit of work is held open across the request.
 */
export const deliverWebhook = Effect.fn("deliverWebhook")(function* (deliveryId: string) {
  const repo = yield* WebhookRepository;
  const delivery = yield* repo.findDelivery(deliveryId);
  if (delivery?.status !== "pending") return { outcome: "skipped" } as DeliveryOutcome;
  const clock = yield* Clock;
  const hook = yield* repo.findById(delivery.webhookId);
  if (!hook || hook.removedAt !== null) {
    yield* repo.updateDelivery(delivery.id, {
      status: "failed",
      attempts: delivery.attempts,
      lastStatusCode: null,
      lastError: "webhook removed",
      nextAttemptAt: null,
      deliveredAt: null,
    });
    return { outcome: "dropped" } as DeliveryOutcome;
  }
  const policy = yield* WebhookPolicy;
  const sentAt = yield* clock.now;
  const body = JSON.stringify(delivery.payload);
  const response = yield* (yield* WebhookSender).send({
    url: hook.url,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": WEBHOOK_USER_AGENT,
      "X-Dongne-Event": delivery.event,
      "X-Dongne-Delivery": delivery.id,
      "X-Dongne-Signature": (yield* WebhookSigner).signature(hook.secret, Math.floor(sentAt.getTime() / 1000), body),
    },
    body,
    timeoutMs: policy.timeoutMs,
  });
  const now = yield* clock.now;
  const attempts = delivery.attempts + 1;
  const statusCode = "statusCode" in response ? response.statusCode : null;
  const error = "error" in response ? shortError(response.error) : null;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    yield* repo.updateDelivery(delivery.id, {
      status: "delivered",
      attempts,
      lastStatusCode: statusCode,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: now,
    });
    return { outcome: "delivered", webhookId: hook.id, attempts, statusCode, error: null } as DeliveryOutcome;
  }
  const last = attempts >= policy.maxAttempts;
  yield* repo.updateDelivery(delivery.id, {
    status: last ? "failed" : "pending",
    attempts,
    lastStatusCode: statusCode,
    lastError: error,
    nextAttemptAt: last ? null : new Date(now.getTime() + retryDelayMs(attempts)),
    deliveredAt: null,
  });
  if (last) return { outcome: "failed", webhookId: hook.id, attempts, statusCode, error } as DeliveryOutcome;
  return yield* Effect.fail<WebhookAttemptFailed>({
    _tag: "WebhookAttemptFailed",
    deliveryId: delivery.id,
    webhookId: hook.id,
    attempts,
    statusCode,
    error,
  });
});
