import { Effect, Layer } from "effect";
import { WebhookRepository } from "../../application/ports/WebhookRepository.js";
import { UserId } from "../../domain/shared/ids.js";
import type { DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent, WebhookPayload } from "../../domain/webhook/webhook.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface WebhookRow {
  id: string;
  region_code: string;
  event: WebhookEvent;
  url: string;
  secret: string;
  created_by: string | null;
  created_at: Date;
  removed_at: Date | null;
}
interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: WebhookEvent;
  payload: WebhookPayload;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
}
const HOOK_COLUMNS = "id, region_code, event, url, secret, created_by, created_at, removed_at";
const DELIVERY_COLUMNS =
  "id, webhook_id, event, payload, status, attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at";

const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  regionCode: r.region_code,
  event: r.event,
  url: r.url,
  secret: r.secret,
  createdBy: r.created_by === null ? null : UserId(r.created_by),
  createdAt: r.created_at,
  removedAt: r.removed_at,
});
const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

/**
 * How long this process trusts its copy of the live webhooks. Every accept asks which webhooks match, and almost
 * always none do: the copy keeps that off the database (the accept's round trips stay as they were). A webhook
 * created or removed on this process is seen at once; on another, within this long — a removed one's deliveries
 * made meanwhile are dropped at send time, as its log shows.
 */
export const LIVE_WEBHOOKS_TTL_MS = 10_000;

export const PgWebhookRepository = Layer.effect(
  WebhookRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    let live: { readonly at: number; readonly hooks: readonly Webhook[] } | null = null;
    const liveHooks = Effect.suspend(() => {
      const copy = live;
      if (copy && Date.now() - copy.at < LIVE_WEBHOOKS_TTL_MS) return Effect.succeed(copy.hooks);
      return Effect.map(
        sql.primaryRows<WebhookRow>(`SELECT ${HOOK_COLUMNS} FROM webhooks WHERE removed_at IS NULL ORDER BY created_at, id`),
        (rows) => {
          const hooks = rows.map(toWebhook);
          live = { at: Date.now(), hooks };
          return hooks;
        },
      );
    });
    const forget = Effect.sync(() => {
      live = null;
    });
    return {
      insert: (w) =>
        Effect.map(
          sql.rows(
            `INSERT INTO webhooks (${HOOK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (region_code, event, url) WHERE removed_at IS NULL DO NOTHING RETURNING id`,
            [w.id, w.regionCode, w.event, w.url, w.secret, w.createdBy, w.createdAt, w.removedAt],
          ),
          (r) => r.length > 0,
        ).pipe(Effect.tap(() => forget)),
      findById: (id) =>
        Effect.map(sql.primaryRows<WebhookRow>(`SELECT ${HOOK_COLUMNS} FROM webhooks WHERE id = $1`, [id]), (rows) =>
          rows[0] ? toWebhook(rows[0]) : undefined,
        ),
      list: Effect.map(
        sql.primaryRows<WebhookRow>(`SELECT ${HOOK_COLUMNS} FROM webhooks WHERE removed_at IS NULL ORDER BY created_at, id`),
        (rows) => rows.map(toWebhook),
      ),
      remove: (id, at) =>
        Effect.map(
          sql.rows("UPDATE webhooks SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING id", [id, at]),
          (r) => r.length > 0,
        ).pipe(Effect.tap(() => forget)),
      matching: (event, regionCodes) =>
        Effect.map(liveHooks, (hooks) => hooks.filter((w) => w.event === event && regionCodes.includes(w.regionCode))),
      insertDeliveries: (ds) =>
        ds.length === 0
          ? Effect.void
          : Effect.asVoid(
              sql.rows(
                `INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS})
                 SELECT d.id, d.webhook_id, d.event, d.payload, d.status, d.attempts, d.last_status_code, d.last_error,
                        d.next_attempt_at, d.created_at, d.delivered_at
                 FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, webhook_id uuid, event text, payload jsonb, status text,
                   attempts smallint, last_status_code smallint, last_error text, next_attempt_at timestamptz,
                   created_at timestamptz, delivered_at timestamptz)`,
                [
                  JSON.stringify(
                    ds.map((d) => ({
                      id: d.id,
                      webhook_id: d.webhookId,
                      event: d.event,
                      payload: d.payload,
                      status: d.status,
                      attempts: d.attempts,
                      last_status_code: d.lastStatusCode,
                      last_error: d.lastError,
                      next_attempt_at: d.nextAttemptAt,
                      created_at: d.createdAt,
                      delivered_at: d.deliveredAt,
                    })),
                  ),
                ],
              ),
            ),
      findDelivery: (id) =>
        Effect.map(sql.primaryRows<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1`, [id]), (rows) =>
          rows[0] ? toDelivery(rows[0]) : undefined,
        ),
      updateDelivery: (id, u) =>
        Effect.map(
          sql.rows(
            `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
               next_attempt_at = $6, delivered_at = $7
             WHERE id = $1 AND status = 'pending' RETURNING id`,
            [id, u.status, u.attempts, u.lastStatusCode, u.lastError, u.nextAttemptAt, u.deliveredAt],
          ),
          (r) => r.length > 0,
        ),
      deliveries: (webhookId, limit, after) =>
        Effect.map(
          sql.readRows<DeliveryRow>(
            `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
             WHERE webhook_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
             ORDER BY created_at DESC, id DESC LIMIT $4`,
            [webhookId, after?.createdAt ?? null, after?.id ?? null, limit],
          ),
          (rows) => rows.map(toDelivery),
        ),
      forgetCreator: (userId) =>
        Effect.map(sql.rows("UPDATE webhooks SET created_by = NULL WHERE created_by = $1 RETURNING id", [userId]), (r) => r.length).pipe(
          Effect.tap(() => forget),
        ),
    };
  }),
);
