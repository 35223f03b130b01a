import { z } from "zod";
import { QUESTION_SORTS, type QuestionSort, URGENCY_RANK } from "../../../domain/question/ordering.js";
import { INPUT_ISSUES } from "../errorCatalogue.js";

/**
 * Cursors are opaque to clients (base64url of JSON, application/shared/cursor.ts) but easy to forge. Each is
 * checked here against the exact shape its list produces, so a forged one is INVALID_CURSOR on the field and
 * never reaches a store (PostgreSQL would refuse a non-uuid id or an out-of-range key with a 500).
 */

const uuid = z.uuid();
// A created_at as the key carries it (negated for descending sorts): any instant JavaScript and PostgreSQL both hold.
const instant = z.number().int().min(-8.64e15).max(8.64e15);
// Counters are PostgreSQL integers.
const counter = z.number().int().min(-2_147_483_647).max(2_147_483_647);
const urgencyRank = z
  .number()
  .int()
  .min(-Math.max(...Object.values(URGENCY_RANK)))
  .max(0);

const QUESTION_KEYS: Record<QuestionSort, z.ZodType> = {
  newest: z.tuple([instant, uuid]),
  oldest: z.tuple([instant, uuid]),
  popular: z.tuple([z.number(), instant, uuid]),
  most_answers: z.tuple([counter, instant, uuid]),
  most_views: z.tuple([counter, instant, uuid]),
  urgent: z.tuple([urgencyRank, instant, uuid]),
};

const questionCursor = z.union(QUESTION_SORTS.map((s) => z.strictObject({ s: z.literal(s), k: QUESTION_KEYS[s] })));
const notificationCursor = z.strictObject({ n: uuid });
const ledgerCursor = z.strictObject({ e: uuid });
// The review queue's (application/moderation): the oldest flag's time and the target.
const reviewCursor = z.strictObject({ o: z.number().int().min(0).max(8.64e15), t: uuid });
// The webhook delivery log's (application/webhook/webhookDeliveries.ts): the delivery's time and id.
const deliveryCursor = z.strictObject({ o: instant, d: uuid });

const decoded = (cursor: string): unknown => {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
};

const cursorOf = (shape: z.ZodType) =>
  z
    .string()
    .max(512)
    .refine((cursor) => shape.safeParse(decoded(cursor)).success, {
      error: INPUT_ISSUES.INVALID_CURSOR.message,
      params: { code: INPUT_ISSUES.INVALID_CURSOR.code },
    })
    .optional();

export const questionListCursor = cursorOf(questionCursor);
export const notificationListCursor = cursorOf(notificationCursor);
export const pointsHistoryCursor = cursorOf(ledgerCursor);
export const moderationQueueCursor = cursorOf(reviewCursor);
export const webhookDeliveryCursor = cursorOf(deliveryCursor);
