import { Effect } from "effect";
import { NotificationId, type UserId } from "../../domain/shared/ids.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";
import { decodeCursor, encodeCursor } from "../shared/cursor.js";

const isNotificationCursor = (v: unknown): v is { n: string } =>
  typeof v === "object" && v !== null && typeof (v as { n?: unknown }).n === "string";

export const listNotifications = Effect.fn("listNotifications")(function* (
  userId: UserId,
  input: { readonly cursor?: string | undefined; readonly unreadOnly?: boolean | undefined; readonly limit?: number | undefined },
) {
  const limit = input.limit ?? 20;
  const cursor = yield* decodeCursor(input.cursor, isNotificationCursor);
  const rows = yield* (yield* NotificationRepository).list(userId, {
    ...(cursor ? { before: NotificationId(cursor.n) } : {}),
    unreadOnly: input.unreadOnly ?? false,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ n: last.id }) : null };
});
