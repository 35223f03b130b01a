import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import type { Webhook, WebhookDelivery, WebhookEvent } from "../../domain/webhook/webhook.js";

/** Where a page of deliveries continues: after this one (newest first). */
export interface DeliveryPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** The attempt's outcome as the log keeps it. */
export type DeliveryUpdate = Pick<
  WebhookDelivery,
  "status" | "attempts" | "lastStatusCode" | "lastError" | "nextAttemptAt" | "deliveredAt"
>;

/** Partners' webhooks (per region and event) and the log of what was sent to them. */
export class WebhookRepository extends Context.Service<
  WebhookRepository,
  {
    /** False when a live webhook has the same region, event and URL already (nothing stored). */
    readonly insert: (webhook: Webhook) => Effect.Effect<boolean>;
    /** Removed ones too (their log stays readable). */
    readonly findById: (id: string) => Effect.Effect<Webhook | undefined>;
    /** Webhooks not removed, oldest first. */
    readonly list: Effect.Effect<readonly Webhook[]>;
    /** Marks it removed (no new deliveries); false when it is unknown or removed already. */
    readonly remove: (id: string, at: Date) => Effect.Effect<boolean>;
    /** Webhooks not removed for the event whose region is one of `regionCodes` (a question's region and its ancestors). */
    readonly matching: (event: WebhookEvent, regionCodes: readonly string[]) => Effect.Effect<readonly Webhook[]>;
    readonly insertDeliveries: (deliveries: readonly WebhookDelivery[]) => Effect.Effect<void>;
    readonly findDelivery: (id: string) => Effect.Effect<WebhookDelivery | undefined>;
    /** Records an attempt's outcome; false when the delivery is not pending any more (a duplicate run). */
    readonly updateDelivery: (id: string, update: DeliveryUpdate) => Effect.Effect<boolean>;
    /** The webhook's deliveries, newest first, after `after`, at most `limit`. */
    readonly deliveries: (webhookId: string, limit: number, after?: DeliveryPosition) => Effect.Effect<readonly WebhookDelivery[]>;
    /** Account deletion: the admin's webhooks stay (they are the partner's), without who made them; returns how many. */
    readonly forgetCreator: (userId: UserId) => Effect.Effect<number>;
  }
>()("dongne/WebhookRepository") {}
