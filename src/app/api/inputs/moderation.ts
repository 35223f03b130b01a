import { z } from "zod";
import { FLAG_REASONS, RESOLUTIONS, TARGET_TYPES } from "../../../domain/moderation/moderation.js";
import { INPUT_ISSUES } from "../errorCatalogue.js";
import { id, limit } from "./fields.js";

const queueCursor = z
  .string()
  .max(512)
  .refine(
    (cursor) => {
      try {
        const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
        return z.strictObject({ o: z.number().int().min(0).max(8.64e15), t: z.uuid() }).safeParse(v).success;
      } catch {
        return false;
      }
    },
    { error: INPUT_ISSUES.INVALID_CURSOR.message, params: { code: INPUT_ISSUES.INVALID_CURSOR.code } },
  )
  .optional();

const targetType = z.enum(TARGET_TYPES);

/** Inputs of moderation (`moderation.*`) and administration (`admin.*`). */
export const moderationInputs = {
  flag: z.strictObject({ targetType, targetId: id, reason: z.enum(FLAG_REASONS) }),
  queue: z.strictObject({ cursor: queueCursor, limit }).optional(),
  resolve: z.strictObject({ targetType, targetId: id, resolution: z.enum(RESOLUTIONS) }),
  setVerificationLevel: z.strictObject({ userId: id, level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]) }),
};
