import { Effect, Layer } from "effect";
import { WebhookRepository } from "../../application/ports/WebhookRepository.js";
import type { Webhook, WebhookDelivery } from "../../domain/webhook/webhook.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";

export const WEBHOOKS = mapTable<string, Webhook>();
export const WEBHOOK_DELIVERIES = mapTable<string, WebhookDelivery>();

const oldestFirst = (a: Webhook, b: Webhook) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
const newestFirst = (a: WebhookDelivery, b: WebhookDelivery) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The twin of PgWebhookRepository, on the shared store (a failed unit of work takes its rows back). */
export const InMemoryWebhookRepository = Layer.effect(
  WebhookRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const hooks = () => store.get(WEBHOOKS);
    const deliveries = () => store.get(WEBHOOK_DELIVERIES);
    return {
      insert: (w) =>
        Effect.sync(() => {
          const same = [...hooks().values()].some(
            (x) => x.removedAt === null && x.regionCode === w.regionCode && x.event === w.event && x.url === w.url,
          );
          if (!same) hooks().set(w.id, w);
          return !same;
        }),
      findById: (id) => Effect.sync(() => hooks().get(id)),
      list: Effect.sync(() => [...hooks().values()].filter((w) => w.removedAt === null).sort(oldestFirst)),
      remove: (id, at) =>
        Effect.sync(() => {
          const w = hooks().get(id);
          if (!w || w.removedAt !== null) return false;
          hooks().set(id, { ...w, removedAt: at });
          return true;
        }),
      matching: (event, regionCodes) =>
        Effect.sync(() => {
          const codes = new Set(regionCodes);
          return [...hooks().values()]
            .filter((w) => w.removedAt === null && w.event === event && codes.has(w.regionCode))
            .sort(oldestFirst);
        }),
      insertDeliveries: (ds) =>
        Effect.sync(() => {
          for (const d of ds) deliveries().set(d.id, d);
        }),
      findDelivery: (id) => Effect.sync(() => deliveries().get(id)),
      updateDelivery: (id, update) =>
        Effect.sync(() => {
          const d = deliveries().get(id);
          if (d?.status !== "pending") return false;
          deliveries().set(id, { ...d, ...update });
          return true;
        }),
      deliveries: (webhookId, limit, after) =>
        Effect.sync(() =>
          [...deliveries().values()]
            .filter((d) => d.webhookId === webhookId)
            .filter(
              (d) =>
                !after ||
                d.createdAt.getTime() < after.createdAt.getTime() ||
                (d.createdAt.getTime() === after.createdAt.getTime() && d.id < after.id),
            )
            .sort(newestFirst)
            .slice(0, limit),
        ),
      forgetCreator: (userId) =>
        Effect.sync(() => {
          let n = 0;
          for (const w of hooks().values())
            if (w.createdBy === userId) {
              hooks().set(w.id, { ...w, createdBy: null });
              n++;
            }
          return n;
        }),
    };
  }),
);
