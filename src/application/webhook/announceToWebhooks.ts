import { Effect } from "effect";
import type { Question } from "../../domain/question/question.js";
import { selfAndAncestors } from "../../domain/region/region.js";
import { type WebhookDelivery, type WebhookEvent, webhookPayload } from "../../domain/webhook/webhook.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { JobQueue } from "../ports/JobQueue.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";
import { WebhookPolicy } from "../ports/WebhookSender.js";

/** The job that sends one delivery; payload `{ deliveryId }`. */
export const DELIVER_WEBHOOK_JOB = "webhook.deliver";

/**
 * Runs inside the caller's unit of work (the ask, the accept): a pending delivery per webhook of the event whose
 * region is the question's or one above it, and its job, so both exist exactly when the event committed.
 * Returns how many deliveries.
 */
export const announceToWebhooks = Effect.fn("announceToWebhooks")(function* (
  event: WebhookEvent,
  question: Pick<Question, "id" | "title" | "regionCode" | "urgency">,
  /** When it happened (the question's creation, the acceptance), the same in every partner's payload. */
  occurredAt: Date,
  extra: { readonly acceptedAnswerId?: string } = {},
) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const repo = yield* WebhookRepository;
  const hooks = yield* repo.matching(event, selfAndAncestors(catalog, question.regionCode));
  if (hooks.length === 0) return 0;
  const now = yield* (yield* Clock).now;
  const ids = yield* Ids;
  const policy = yield* WebhookPolicy;
  const questionUrl = policy.publicUrl === null ? null : `${policy.publicUrl.replace(/\/+$/, "")}/q/${question.id}`;
  const deliveries: WebhookDelivery[] = [];
  for (const hook of hooks) {
    const id = yield* ids.next;
    deliveries.push({
      id,
      webhookId: hook.id,
      event,
      payload: webhookPayload({ deliveryId: id, event, occurredAt, question, questionUrl, ...extra }),
      status: "pending",
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      nextAttemptAt: now,
      createdAt: now,
      deliveredAt: null,
    });
  }
  yield* repo.insertDeliveries(deliveries);
  const queue = yield* JobQueue;
  for (const d of deliveries)
    yield* queue.enqueue({
      type: DELIVER_WEBHOOK_JOB,
      payload: { deliveryId: d.id, event },
      key: `webhook:${d.id}`,
      // The delivery counts its own attempts and stops at maxAttempts; the job's spare ones cover runs that died
      // before recording (the database was down), so they do not eat the partner's attempts.
      maxAttempts: policy.maxAttempts + 2,
    });
  return deliveries.length;
});
