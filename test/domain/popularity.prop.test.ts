import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { popularity, popularityRank } from "../../src/domain/question/popularity.js";
import { URGENCIES } from "../../src/domain/question/question.js";

const input = fc.record({
  viewCount: fc.nat(10_000),
  answerCount: fc.nat(100),
  likeCount: fc.nat(1_000),
  urgency: fc.constantFrom(...URGENCIES),
  createdAt: fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2026-11-01T00:00:00Z"), noInvalidDate: true }),
});
const hour = 3_600_000;

describe("popularity (seed formula)", () => {
  test("matches the seed's formula on an example", () => {
    const createdAt = new Date("2026-11-01T00:00:00Z");
    const q = { viewCount: 100, answerCount: 3, likeCount: 4, urgency: "urgent" as const, createdAt };
    expect(popularity(q, createdAt)).toBeCloseTo(10 + 6 + 4 + 5);
    expect(popularity(q, new Date(createdAt.getTime() + 48 * hour))).toBeCloseTo(25 / 4);
  });

  test.prop([input, fc.nat(2_000)])("halves every 24 hours", (q, hours) => {
    const now = new Date(q.createdAt.getTime() + hours * hour);
    const later = new Date(now.getTime() + 24 * hour);
    expect(popularity(q, later)).toBeCloseTo(popularity(q, now) / 2, 8);
  });

  test.prop([input, input, fc.nat(10_000)])(
    "the time-invariant rank orders questions as the score does at any instant",
    (a, b, hoursAfter) => {
      const latest = Math.max(a.createdAt.getTime(), b.createdAt.getTime());
      const now = new Date(latest + hoursAfter * hour);
      const byScore = Math.sign(popularity(a, now) - popularity(b, now));
      const byRank = Math.sign(popularityRank(a) - popularityRank(b));
      if (Math.abs(popularity(a, now) - popularity(b, now)) > 1e-9 * Math.max(popularity(a, now), 1e-300)) expect(byRank).toBe(byScore);
    },
  );
});
