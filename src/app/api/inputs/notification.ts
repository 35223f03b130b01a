import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../../domain/notification/settings.js";
import { notificationListCursor } from "./cursors.js";
import { id, limit } from "./fields.js";

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u, "HH:MM (00:00–23:59)");
const quietHours = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((q) => q.start !== q.end, { message: "start and end differ", path: ["end"] })
  .describe("Korean time (Asia/Seoul); start after end crosses midnight");

/** Inputs of the notification operations (tRPC `notification.*`). */
export const notificationInputs = {
  list: z.strictObject({ cursor: notificationListCursor, unreadOnly: z.boolean().optional(), limit }).optional(),
  markRead: z.strictObject({ ids: z.array(id).min(1).max(100) }),
  /** tRPC puts the Last-Event-ID header here; an id that is not one of the caller's notifications resumes from now. */
  onNew: z.strictObject({ lastEventId: z.string().max(100).nullish() }).optional(),
  updateSettings: z.strictObject({
    kinds: z.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean().optional()]))).optional(),
    quietHours: quietHours.nullable().optional(),
    dailyDigest: z.boolean().optional(),
  }),
};
