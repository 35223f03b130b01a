import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  type AskedActivity,
  BUCKET_COUNT,
  BUCKET_HOURS,
  bucketLabel,
  bucketOf,
  bucketStart,
  inWindow,
  RANGES,
  tallyActivity,
  windowBuckets,
  windowStart,
} from "../../src/domain/activity/window.js";

const HOUR = 3_600_000;
const range = fc.constantFrom(...RANGES);
// 2020–2035, to the millisecond.
const time = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));

describe("activity windows (bucket arithmetic)", () => {
  test.prop([range, time])("a time lies in its bucket: from the bucket's start (inclusive) to the next one's (exclusive)", (r, at) => {
    const b = bucketOf(r, at);
    expect(bucketStart(r, b).getTime()).toBeLessThanOrEqual(at.getTime());
    expect(bucketStart(r, b + 1).getTime()).toBeGreaterThan(at.getTime());
    expect(bucketOf(r, bucketStart(r, b))).toBe(b);
  });

  test.prop([range, time])("the window is its bucket count of consecutive buckets ending with now's", (r, now) => {
    const buckets = windowBuckets(r, now);
    expect(buckets).toHaveLength(BUCKET_COUNT[r]);
    expect(buckets.at(-1)).toBe(bucketOf(r, now));
    expect(buckets).toEqual(buckets.map((_, i) => (buckets[0] ?? 0) + i));
    expect(windowStart(r, now).getTime()).toBe(bucketStart(r, buckets[0] ?? 0).getTime());
  });

  test.prop([range, time])("the window reaches back between (count − 1) and count buckets", (r, now) => {
    const back = now.getTime() - windowStart(r, now).getTime();
    const size = BUCKET_HOURS[r] * HOUR;
    expect(back).toBeGreaterThanOrEqual((BUCKET_COUNT[r] - 1) * size);
    expect(back).toBeLessThan(BUCKET_COUNT[r] * size);
  });

  test.prop([range, time, fc.integer({ min: -9 * 24 * HOUR, max: 2 * HOUR })])(
    "a time counts exactly when its bucket is one of the window's",
    (r, now, offset) => {
      const at = new Date(now.getTime() + offset);
      expect(inWindow(r, at, now)).toBe(windowBuckets(r, now).includes(bucketOf(r, at)));
      expect(inWindow(r, at, now)).toBe(at.getTime() >= windowStart(r, now).getTime() && bucketOf(r, at) <= bucketOf(r, now));
    },
  );

  test.prop([range, time])("labels are the bucket's UTC start, distinct per bucket", (r, at) => {
    const b = bucketOf(r, at);
    expect(bucketLabel(r, b)).toBe(bucketStart(r, b).toISOString().slice(0, 13).replace(/[-T]/g, ""));
    expect(bucketLabel(r, b)).not.toBe(bucketLabel(r, b + 1));
  });

  it("counts an edge in the bucket that starts there (examples)", () => {
    const now = new Date("2026-12-01T09:30:00Z");
    // 24 h: hourly buckets 2026-11-30T10:00 … 2026-12-01T09:00.
    expect(inWindow("24h", new Date("2026-11-30T10:00:00Z"), now)).toBe(true);
    expect(inWindow("24h", new Date("2026-11-30T09:59:59.999Z"), now)).toBe(false);
    expect(inWindow("24h", new Date("2026-12-01T09:59:59.999Z"), now)).toBe(true);
    expect(inWindow("24h", new Date("2026-12-01T10:00:00Z"), now)).toBe(false);
    // 7 d: 6-hourly buckets 2026-11-24T12:00 … 2026-12-01T06:00.
    expect(windowStart("7d", now).toISOString()).toBe("2026-11-24T12:00:00.000Z");
    expect(inWindow("7d", new Date("2026-11-24T11:59:59.999Z"), now)).toBe(false);
    expect(bucketLabel("7d", bucketOf("7d", now))).toBe("2026120106");
  });

  const asked = fc.array(
    fc.record({
      questionId: fc.uuid(),
      hashtags: fc.array(fc.constantFrom("제주", "애월", "한라산", "흑돼지"), { maxLength: 3 }),
      regionCodes: fc.array(fc.constantFrom("KR-49", "KR-49-01", "KR-49-01-02"), { maxLength: 3 }),
      offset: fc.integer({ min: -8 * 24 * HOUR, max: HOUR }),
    }),
    { maxLength: 40 },
  );

  test.prop([range, time, asked, fc.integer({ min: 0, max: 6 })])(
    "tallies each question once per distinct tag and region, in the window only, highest first, ties by key",
    (r, now, raw, limit) => {
      const items: AskedActivity[] = raw.map((a) => ({ ...a, at: new Date(now.getTime() + a.offset) }));
      const top = tallyActivity(items, r, now, limit);
      const within = items.filter((a) => inWindow(r, a.at, now));
      for (const { key, count } of top.hashtags) expect(count).toBe(within.filter((a) => a.hashtags.includes(key)).length);
      for (const { key, count } of top.regions) expect(count).toBe(within.filter((a) => a.regionCodes.includes(key)).length);
      expect(top.hashtags.length).toBeLessThanOrEqual(limit);
      for (const list of [top.hashtags, top.regions])
        list.forEach((c, i) => {
          const prev = list[i - 1];
          if (prev) expect(prev.count > c.count || (prev.count === c.count && prev.key < c.key)).toBe(true);
        });
    },
  );
});
