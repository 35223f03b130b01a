import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { dueBackup, nextFullRun, nextScheduledRun } from "../../src/domain/operations/backupSchedule.js";

const HOUR = 3_600_000;
const instant = fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true });
/** The wall clock in Korea (UTC+9) as UTC fields. */
const kst = (d: Date) => new Date(d.getTime() + 9 * HOUR);

describe("backup schedule (full Sunday 02:00 KST, incremental the other days)", () => {
  test("examples", () => {
    // Saturday 2026-12-05 16:59 UTC = Sunday 01:59 KST: the full is a minute away.
    expect(nextScheduledRun(new Date("2026-12-05T16:59:00Z"))).toEqual({ at: new Date("2026-12-05T17:00:00Z"), kind: "full" });
    expect(nextScheduledRun(new Date("2026-12-05T17:00:00Z"))).toEqual({ at: new Date("2026-12-06T17:00:00Z"), kind: "incr" });
    expect(nextFullRun(new Date("2026-12-05T17:00:00Z"))).toEqual(new Date("2026-12-12T17:00:00Z"));
  });

  test.prop([instant])("the next run is within a day, at 02:00 KST, a full one exactly on Sundays", (now) => {
    const { at, kind } = nextScheduledRun(now);
    expect(at.getTime()).toBeGreaterThan(now.getTime());
    expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(24 * HOUR);
    expect([kst(at).getUTCHours(), kst(at).getUTCMinutes(), kst(at).getUTCSeconds()]).toEqual([2, 0, 0]);
    expect(kind).toBe(kst(at).getUTCDay() === 0 ? "full" : "incr");
  });

  test.prop([instant])("the next full run is the first Sunday 02:00 KST after now", (now) => {
    const at = nextFullRun(now);
    expect(at.getTime()).toBeGreaterThan(now.getTime());
    expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(7 * 24 * HOUR);
    expect(kst(at).getUTCDay()).toBe(0);
    expect(kst(at).getUTCHours()).toBe(2);
  });

  test.prop([instant])("with no backup, a full one is due", (now) => {
    expect(dueBackup(now, undefined, undefined)).toBe("full");
  });

  test.prop([instant])("right after a full backup nothing is due", (now) => {
    expect(dueBackup(now, now, now)).toBeUndefined();
  });

  test.prop([instant, fc.integer({ min: 1, max: 30 })])("a service down for days catches up with a full one", (now, days) => {
    const last = new Date(now.getTime() - days * 7 * 24 * HOUR);
    expect(dueBackup(now, last, last)).toBe("full");
  });

  test.prop([instant])("at each scheduled run its kind is due when the last backups are older", (now) => {
    const { at, kind } = nextScheduledRun(now);
    // The last full backup a week before the slot's Sunday is out of date only at a full slot.
    const recentFull = new Date(at.getTime() - 24 * HOUR + 1);
    expect(dueBackup(at, now, now)).toBe(kind === "full" ? "full" : dueBackup(at, now, now));
    expect(dueBackup(at, now, now)).toBeDefined();
    if (kind === "incr") expect(dueBackup(at, recentFull < now ? now : recentFull, now)).toBe("incr");
  });
});
