import { z } from "zod";
import { WEBHOOK_EVENTS, WEBHOOK_URL_MAX } from "../../../domain/webhook/webhook.js";
import { webhookDeliveryCursor } from "./cursors.js";
import { id, limit, regionCode } from "./fields.js";

/** Inputs of the partner webhooks (tRPC `webhook.*`, admins only); the URL's rules are the domain's (INVALID_WEBHOOK_URL). */
export const webhookInputs = {
  create: z.strictObject({ regionCode, event: z.enum(WEBHOOK_EVENTS), url: z.string().min(1).max(WEBHOOK_URL_MAX) }),
  remove: z.strictObject({ id }),
  deliveries: z.strictObject({ webhookId: id, limit, cursor: webhookDeliveryCursor }),
};
