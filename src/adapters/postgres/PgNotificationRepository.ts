import { Effect, Layer } from "effect";
import { NotificationRepository } from "../../application/ports/NotificationRepository.js";
import { statement } from "./columns.js";
import { PgDatabase } from "./PgDatabase.js";
import { NOTIFICATIONS, type NotificationRow, toNotification } from "./rows.js";
import { makeSql } from "./sql.js";

export const PgNotificationRepository = Layer.effect(
  NotificationRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      insert: (n) => Effect.asVoid(sql.rows(...statement((p) => NOTIFICATIONS.insert(n, p)))),
      list: (userId, { before, unreadOnly, limit }) => {
        const params: unknown[] = [userId];
        const where = ["n.user_id = $1"];
        if (unreadOnly) where.push("NOT n.is_read");
        if (before !== undefined) {
          params.push(before);
          where.push(`(n.created_at, n.id) < (SELECT created_at, id FROM notifications WHERE id = $${params.length})`);
        }
        params.push(limit);
        return Effect.map(
          sql.readRows<NotificationRow>(
            `SELECT ${NOTIFICATIONS.selectAs("n")} FROM notifications n WHERE ${where.join(" AND ")} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
            params,
          ),
          (rows) => rows.map(toNotification),
        );
      },
      // The primary: a stream resuming after a notification it was just pushed must find that notification.
      listAfter: (userId, after, limit) =>
        Effect.map(
          sql.primaryRows<NotificationRow>(
            `SELECT ${NOTIFICATIONS.selectAs("n")} FROM notifications n, notifications a
             WHERE a.id = $2 AND a.user_id = $1 AND n.user_id = $1 AND (n.created_at, n.id) > (a.created_at, a.id)
             ORDER BY n.created_at, n.id LIMIT $3`,
            [userId, after, limit],
          ),
          (rows) => rows.map(toNotification),
        ),
      unreadCount: (userId) =>
        Effect.map(
          sql.readRows<{ n: number }>("SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND NOT is_read", [userId]),
          (r) => r[0]?.n ?? 0,
        ),
      markRead: (userId, ids) =>
        Effect.map(
          sql.rows("UPDATE notifications SET is_read = true WHERE user_id = $1 AND id = ANY($2::uuid[]) AND NOT is_read RETURNING 1", [
            userId,
            [...new Set(ids)],
          ]),
          (rows) => rows.length,
        ),
    };
  }),
);
