import { z } from "zod";
import { notificationListCursor } from "./cursors.js";
import { id, limit } from "./fields.js";

/** Inputs of the notification operations (tRPC `notification.*`). */
export const notificationInputs = {
  list: z.strictObject({ cursor: notificationListCursor, unreadOnly: z.boolean().optional(), limit }).optional(),
  markRead: z.strictObject({ ids: z.array(id).min(1).max(100) }),
  /** tRPC puts the Last-Event-ID header here; an id that is not one of the caller's notifications resumes from now. */
  onNew: z.strictObject({ lastEventId: z.string().max(100).nullish() }).optional(),
};
