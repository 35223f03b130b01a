import { z } from "zod";
import { FLAG_REASONS, RESOLUTIONS, TARGET_TYPES } from "../../../domain/moderation/moderation.js";
import { moderationQueueCursor } from "./cursors.js";
import { id, limit } from "./fields.js";

const targetType = z.enum(TARGET_TYPES);

/** Inputs of moderation (`moderation.*`) and administration (`admin.*`). */
export const moderationInputs = {
  flag: z.strictObject({ targetType, targetId: id, reason: z.enum(FLAG_REASONS) }),
  queue: z.strictObject({ cursor: moderationQueueCursor, limit }).optional(),
  resolve: z.strictObject({ targetType, targetId: id, resolution: z.enum(RESOLUTIONS) }),
  setVerificationLevel: z.strictObject({ userId: id, level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]) }),
};
