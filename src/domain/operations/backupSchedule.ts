/**
 * The seed's backup schedule: a full backup every Sunday at 02:00 and an incremental one on the other
 * days at 02:00, Korean time (UTC+9, no daylight saving). Which backup is due follows from the last
 * successful ones, so a service that was down at 02:00 catches up when it is back.
 */
export type BackupKind = "full" | "incr";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Korea Standard Time is UTC+9 all year. */
const KST_OFFSET = 9 * HOUR;
const RUN_HOUR = 2;
const SUNDAY = 0;

/** The most recent 02:00 KST at or before `now`. */
const dailySlotAtOrBefore = (now: Date) => {
  const local = now.getTime() + KST_OFFSET;
  const dayStart = Math.floor(local / DAY) * DAY;
  const slot = dayStart + RUN_HOUR * HOUR;
  return new Date((slot <= local ? slot : slot - DAY) - KST_OFFSET);
};

const weekdayKst = (at: Date) => new Date(at.getTime() + KST_OFFSET).getUTCDay();

/** The most recent Sunday 02:00 KST at or before `now`. */
const fullSlotAtOrBefore = (now: Date) => {
  const daily = dailySlotAtOrBefore(now);
  const back = (weekdayKst(daily) - SUNDAY + 7) % 7;
  return new Date(daily.getTime() - back * DAY);
};

/** The next scheduled run strictly after `now`, and its kind. */
export const nextScheduledRun = (now: Date): { readonly at: Date; readonly kind: BackupKind } => {
  const at = new Date(dailySlotAtOrBefore(now).getTime() + DAY);
  return { at, kind: weekdayKst(at) === SUNDAY ? "full" : "incr" };
};

/** The next full backup strictly after `now`. */
export const nextFullRun = (now: Date): Date => new Date(fullSlotAtOrBefore(now).getTime() + 7 * DAY);

/**
 * The backup due at `now`: a full one when there is none, or none since the last Sunday slot; else an
 * incremental one when no backup finished since the last daily slot; else none.
 */
export const dueBackup = (now: Date, lastFull: Date | undefined, lastAny: Date | undefined): BackupKind | undefined => {
  if (!lastFull || lastFull < fullSlotAtOrBefore(now)) return "full";
  if (!lastAny || lastAny < dailySlotAtOrBefore(now)) return "incr";
  return undefined;
};
