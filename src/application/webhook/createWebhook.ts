import { Effect } from "effect";
import type { RegionNotFound } from "../../domain/question/question.js";
import { activeRegion } from "../../domain/region/region.js";
import type { UserId } from "../../domain/shared/ids.js";
import { validateWebhookUrl, type Webhook, type WebhookEvent, WebhookExists } from "../../domain/webhook/webhook.js";
import { fromDomain } from "../fromDomain.js";
import { requireAdmin } from "../moderation/actor.js";
import { recordAudit } from "../moderation/audit.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { WebhookRepository } from "../ports/WebhookRepository.js";
import { WebhookPolicy, WebhookSigner } from "../ports/WebhookSender.js";

export interface CreateWebhookInput {
  readonly regionCode: string;
  readonly event: WebhookEvent;
  readonly url: string;
}

/** An admin registers a partner's URL for a region's events; the new secret is returned here only. Audited. */
export const createWebhook = Effect.fn("createWebhook")(function* (actorId: UserId, input: CreateWebhookInput) {
  yield* requireAdmin(actorId);
  const catalog = yield* (yield* RegionRepository).catalog;
  if (!activeRegion(catalog, input.regionCode))
    return yield* Effect.fail<RegionNotFound>({ _tag: "RegionNotFound", code: input.regionCode });
  const policy = yield* WebhookPolicy;
  const url = yield* fromDomain(validateWebhookUrl(input.url, { allowPrivateTargets: policy.allowPrivateTargets }));
  const webhook: Webhook = {
    id: yield* (yield* Ids).next,
    regionCode: input.regionCode,
    event: input.event,
    url,
    secret: yield* (yield* WebhookSigner).newSecret,
    createdBy: actorId,
    createdAt: yield* (yield* Clock).now,
    removedAt: null,
  };
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      // The same region, event and URL twice would send every event twice.
      if (!(yield* (yield* WebhookRepository).insert(webhook))) return yield* Effect.fail(WebhookExists);
      yield* recordAudit({
        actorId,
        action: "create_webhook",
        target: { type: "webhook", id: webhook.id },
        detail: { regionCode: webhook.regionCode, event: webhook.event },
      });
    }),
  );
  return webhook;
});
