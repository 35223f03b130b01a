import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { LedgerRepository } from "../ports/LedgerRepository.js";
import { decodeCursor, encodeCursor } from "../shared/cursor.js";

const isEntryCursor = (v: unknown): v is { e: string } =>
  typeof v === "object" && v !== null && typeof (v as { e?: unknown }).e === "string";

export const pointsHistory = Effect.fn("pointsHistory")(function* (
  userId: UserId,
  input: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
) {
  const limit = input.limit ?? 20;
  const cursor = yield* decodeCursor(input.cursor, isEntryCursor);
  const rows = yield* (yield* LedgerRepository).history(userId, cursor?.e, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ e: last.id }) : null };
});
