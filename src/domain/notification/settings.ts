import type { NotificationDraft } from "./notification.js";

/**
 * A user's notification settings, stored in `users.notification_settings` (jsonb) as flat keys: each kind's
 * on/off flag (absent = on, except `digest`, an opt-in), and quiet hours as `quietStart` / `quietEnd`
 * ("HH:MM", Korean time). This module reads and writes that record; `wants` (notification.ts) reads the flags.
 */
export const NOTIFICATION_KINDS = ["answers", "accepted", "badges", "urgent", "reminders", "follows"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type StoredSettings = Readonly<Record<string, boolean | string>>;

export interface QuietHours {
  /** "HH:MM" in Korean time (Asia/Seoul, UTC+9, no daylight saving). */
  readonly start: string;
  readonly end: string;
}

export interface NotificationSettings {
  readonly kinds: Readonly<Record<NotificationKind, boolean>>;
  readonly quietHours: QuietHours | null;
  /** The 08:00 KST digest of followed regions and hashtags (off unless asked for). */
  readonly dailyDigest: boolean;
}

export interface SettingsChange {
  readonly kinds?: Partial<Record<NotificationKind, boolean>>;
  /** null turns quiet hours off; absent leaves them. */
  readonly quietHours?: QuietHours | null;
  readonly dailyDigest?: boolean;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/u;
export const isClockTime = (s: string): boolean => HHMM.test(s);

/** Minutes after midnight of an "HH:MM". */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const KST_OFFSET_MINUTES = 9 * 60;
/** Minutes after Korean midnight at that instant. */
export const kstMinuteOfDay = (now: Date): number => {
  const minutes = Math.floor(now.getTime() / 60_000) + KST_OFFSET_MINUTES;
  return ((minutes % 1440) + 1440) % 1440;
};

export const readSettings = (stored: StoredSettings): NotificationSettings => {
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored[k] !== false])) as Record<NotificationKind, boolean>;
  const start = stored.quietStart;
  const end = stored.quietEnd;
  const quietHours =
    typeof start === "string" && typeof end === "string" && isClockTime(start) && isClockTime(end) && start !== end ? { start, end } : null;
  return { kinds, quietHours, dailyDigest: stored.dailyDigest === true };
};

/** The stored record after a change; keys this module does not know are kept as they were. */
export const applySettings = (stored: StoredSettings, change: SettingsChange): StoredSettings => {
  const next: Record<string, boolean | string> = { ...stored };
  for (const [k, v] of Object.entries(change.kinds ?? {})) if (typeof v === "boolean") next[k] = v;
  if (change.dailyDigest !== undefined) next.dailyDigest = change.dailyDigest;
  if (change.quietHours === null) {
    delete next.quietStart;
    delete next.quietEnd;
  } else if (change.quietHours) {
    next.quietStart = change.quietHours.start;
    next.quietEnd = change.quietHours.end;
  }
  return next;
};

/**
 * Whether `now` falls in the quiet window [start, end) in Korean time. A window whose start is after its end
 * crosses midnight (22:00–08:00 is quiet from 22:00 to 07:59). No window, never quiet.
 */
export const inQuietHours = (quiet: QuietHours | null, now: Date): boolean => {
  if (!quiet) return false;
  const m = kstMinuteOfDay(now);
  const s = minutesOf(quiet.start);
  const e = minutesOf(quiet.end);
  return s < e ? m >= s && m < e : m >= s || m < e;
};

/** An emergency question's notice: quiet hours never hold it back. */
export const isEmergencyNotice = (draft: Pick<NotificationDraft, "type" | "data">): boolean =>
  draft.type === "urgent_question" && draft.data.urgency === "emergency";

/**
 * How a notice is delivered: "push" (stored and pushed to open streams at once) or "silent" (stored and
 * counted as unread, not pushed: quiet hours). Emergencies are always pushed.
 */
export const delivery = (stored: StoredSettings, draft: Pick<NotificationDraft, "type" | "data">, now: Date): "push" | "silent" =>
  !isEmergencyNotice(draft) && inQuietHours(readSettings(stored).quietHours, now) ? "silent" : "push";
