import { z } from "zod";
import { WEBHOOK_EVENTS, WEBHOOK_URL_MAX } from "../../../domain/webhook/webhook.js";
import { INPUT_ISSUES } from "../errorCatalogue.js";
import { id, limit, regionCode } from "./fields.js";

const instant = z.number().int().min(-8.64e15).max(8.64e15);
// The log's cursor (application/webhook/webhookDeliveries.ts), checked for its exact shape like every cursor.
const deliveryCursor = z
  .string()
  .max(512)
  .refine(
    (cursor) => {
      try {
        const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
        return z.strictObject({ o: instant, d: z.uuid() }).safeParse(v).success;
      } catch {
        return false;
      }
    },
    { error: INPUT_ISSUES.INVALID_CURSOR.message, params: { code: INPUT_ISSUES.INVALID_CURSOR.code } },
  )
  .optional();

/** Inputs of the partner webhooks (tRPC `webhook.*`, admins only); the URL's rules are the domain's (INVALID_WEBHOOK_URL). */
export const webhookInputs = {
  create: z.strictObject({ regionCode, event: z.enum(WEBHOOK_EVENTS), url: z.string().min(1).max(WEBHOOK_URL_MAX) }),
  remove: z.strictObject({ id }),
  deliveries: z.strictObject({ webhookId: id, limit, cursor: deliveryCursor }),
};
