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
          // One statement: the update runs only when every id is the user's, so a refusal writes nothing.
          sql.rows<{ all_mine: boolean; changed: number }>(
            `WITH wanted AS (SELECT DISTINCT unnest($2::uuid[]) AS id),
                  mine AS (SELECT n.id, n.is_read FROM notifications n JOIN wanted w ON w.id = n.id WHERE n.user_id = $1),
                  verdict AS (SELECT (SELECT count(*) FROM mine) = (SELECT count(*) FROM wanted) AS all_mine),
                  marked AS (UPDATE notifications SET is_read = true
                             WHERE id IN (SELECT id FROM mine WHERE NOT is_read) AND (SELECT all_mine FROM verdict)
                             RETURNING 1)
             SELECT (SELECT all_mine FROM verdict) AS all_mine, (SELECT count(*) FROM marked)::int AS changed`,
            [userId, [...new Set(ids)]],
          ),
          (rows) => (rows[0]?.all_mine ? rows[0].changed : null),
        ),
    };
  }),
);
