import { createWebhook } from "../../../application/webhook/createWebhook.js";
import { listWebhooks } from "../../../application/webhook/listWebhooks.js";
import { removeWebhook } from "../../../application/webhook/removeWebhook.js";
import { webhookDeliveries } from "../../../application/webhook/webhookDeliveries.js";
import { webhookInputs } from "../../api/inputs/webhook.js";
import { run } from "../../api/run.js";
import { webhookDeliveryView, webhookView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

/** Partner webhooks (admins only; anyone else: NOT_ADMIN). See README, *Partner webhooks*. */
export const webhookRouter = router({
  create: authedProcedure.input(webhookInputs.create).mutation(async ({ ctx, input }) => {
    const w = await run(ctx, createWebhook(ctx.userId, input));
    // The only time the secret is shown.
    return { ...webhookView(w), secret: w.secret };
  }),
  list: authedProcedure.query(async ({ ctx }) => ({ items: (await run(ctx, listWebhooks(ctx.userId))).map(webhookView) })),
  remove: authedProcedure.input(webhookInputs.remove).mutation(({ ctx, input }) => run(ctx, removeWebhook(ctx.userId, input.id))),
  deliveries: authedProcedure.input(webhookInputs.deliveries).query(async ({ ctx, input }) => {
    const page = await run(ctx, webhookDeliveries(ctx.userId, input.webhookId, input.limit ?? 20, input.cursor));
    return { items: page.items.map(webhookDeliveryView), nextCursor: page.nextCursor };
  }),
});
