import { z } from "zod";
import { notificationListCursor } from "./cursors.js";
import { id, limit } from "./fields.js";

/** Inputs of the notification operations (tRPC `notification.*`). */
export const notificationInputs = {
  list: z.strictObject({ cursor: notificationListCursor, unreadOnly: z.boolean().optional(), limit }).optional(),
  markRead: z.strictObject({ ids: z.array(id).min(1).max(100) }),
};
