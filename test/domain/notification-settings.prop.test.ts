import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  applySettings,
  delivery,
  inQuietHours,
  kstMinuteOfDay,
  minutesOf,
  NOTIFICATION_KINDS,
  readSettings,
} from "../../src/domain/notification/settings.js";

const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true });
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const window = fc
  .tuple(hhmm, hhmm)
  .filter(([s, e]) => s !== e)
  .map(([start, end]) => ({ start, end }));
/** The instant at Korean minute `m` of the Korean day containing `day`. */
const atKst = (day: Date, m: number) => {
  const kstMidnight = Math.floor((day.getTime() + 9 * 3_600_000) / 86_400_000) * 86_400_000 - 9 * 3_600_000;
  return new Date(kstMidnight + m * 60_000);
};

describe("quiet hours in Korean time", () => {
  test.prop([instant])("the Korean minute of day is UTC + 9 h", (now) => {
    expect(kstMinuteOfDay(now)).toBe((now.getUTCHours() * 60 + now.getUTCMinutes() + 540) % 1440);
  });

  test.prop([window, instant, fc.integer({ min: 0, max: 1439 })])(
    "a moment is quiet exactly when its KST minute lies in [start, end), across midnight too",
    (q, day, m) => {
      const s = minutesOf(q.start);
      const e = minutesOf(q.end);
      // Walking forward from start, the window lasts (e - s) mod 1440 minutes.
      const expected = (m - s + 1440) % 1440 < (e - s + 1440) % 1440;
      expect(inQuietHours(q, atKst(day, m))).toBe(expected);
    },
  );

  test.prop([window, instant])("start is quiet, end is not", (q, day) => {
    expect(inQuietHours(q, atKst(day, minutesOf(q.start)))).toBe(true);
    expect(inQuietHours(q, atKst(day, minutesOf(q.end)))).toBe(false);
  });

  it("22:00–08:00 KST: 23:30 KST (14:30 UTC) and 07:59 KST are quiet, 08:00 and 21:59 are not", () => {
    const q = { start: "22:00", end: "08:00" };
    expect(inQuietHours(q, new Date("2026-11-01T14:30:00Z"))).toBe(true);
    expect(inQuietHours(q, new Date("2026-11-01T22:59:00Z"))).toBe(true);
    expect(inQuietHours(q, new Date("2026-11-01T23:00:00Z"))).toBe(false);
    expect(inQuietHours(q, new Date("2026-11-01T12:59:00Z"))).toBe(false);
    expect(inQuietHours(null, new Date("2026-11-01T14:30:00Z"))).toBe(false);
  });

  test.prop([window, instant, fc.constantFrom("new_answer", "badge_earned", "accept_reminder") as fc.Arbitrary<"new_answer">])(
    "emergencies are pushed in quiet hours; other notices are silent exactly then",
    (q, now, type) => {
      const stored = applySettings({}, { quietHours: q });
      expect(delivery(stored, { type: "urgent_question", data: { urgency: "emergency" } }, now)).toBe("push");
      expect(delivery(stored, { type, data: {} }, now)).toBe(inQuietHours(q, now) ? "silent" : "push");
      expect(delivery(stored, { type: "urgent_question", data: { urgency: "urgent" } }, now)).toBe(
        inQuietHours(q, now) ? "silent" : "push",
      );
    },
  );
});

describe("the stored settings", () => {
  const kinds = fc.record(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, fc.boolean()])), { requiredKeys: [] });

  test.prop([kinds, fc.option(window, { nil: null }), fc.boolean()])(
    "what is applied is read back; other keys are kept",
    (k, q, digest) => {
      const stored = applySettings({ legacy: true }, { kinds: k, quietHours: q, dailyDigest: digest });
      const read = readSettings(stored);
      for (const kind of NOTIFICATION_KINDS) expect(read.kinds[kind]).toBe(k[kind] ?? true);
      expect(read.quietHours).toEqual(q);
      expect(read.dailyDigest).toBe(digest);
      expect(stored.legacy).toBe(true);
    },
  );

  test.prop([window])("leaving quietHours out keeps them; null removes them", (q) => {
    const on = applySettings({}, { quietHours: q });
    expect(readSettings(applySettings(on, { dailyDigest: true })).quietHours).toEqual(q);
    expect(readSettings(applySettings(on, { quietHours: null })).quietHours).toBeNull();
  });

  it("the seed's defaults: every kind on, no quiet hours, no digest; malformed stored times are no window", () => {
    expect(readSettings({})).toEqual({
      kinds: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])),
      quietHours: null,
      dailyDigest: false,
    });
    expect(readSettings({ quietStart: "25:00", quietEnd: "08:00" }).quietHours).toBeNull();
    expect(readSettings({ quietStart: "08:00", quietEnd: "08:00" }).quietHours).toBeNull();
  });
});
