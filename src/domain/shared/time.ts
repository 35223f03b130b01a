const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar day in Korea (UTC+9, no daylight saving) as YYYY-MM-DD. */
export const kstDay = (at: Date): string => new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);

export const hoursBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 3_600_000;
