import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  kstDayStart,
  pickRecipients,
  RING_MINUTES,
  RINGS,
  ringDueAt,
  ringRegions,
  urgentQuestionNotice,
} from "../../src/domain/notification/escalation.js";
import { QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { jejuCatalog } from "../support/builders.js";

const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true });
const urgency = fc.constantFrom("urgent" as const, "emergency" as const);
const codes = [...jejuCatalog.byCode.keys()];

describe("escalation rings", () => {
  test.prop([urgency, instant])("rings come in order, at their documented minutes, and end after the last", (u, at) => {
    const due = RINGS.map((_, ring) => ringDueAt(u, at, ring));
    expect(due.map((d) => (d ? (d.getTime() - at.getTime()) / 60_000 : null))).toEqual([...RING_MINUTES[u]]);
    expect(ringDueAt(u, at, RINGS.length)).toBeNull();
  });

  test.prop([fc.constantFrom(...codes)])("each ring reaches at least the ones inside it", (code) => {
    for (let ring = 1; ring < RINGS.length; ring++) {
      const outer = new Set(ringRegions(jejuCatalog, code, ring));
      for (const c of ringRegions(jejuCatalog, code, ring - 1)) expect(outer.has(c)).toBe(true);
    }
  });

  test.prop([instant])("the Korean day starts at 00:00 KST (15:00 UTC) at or before the moment, less than a day before", (now) => {
    const start = kstDayStart(now);
    expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - start.getTime()).toBeLessThan(86_400_000);
    expect(start.getUTCHours()).toBe(15);
    expect(start.getUTCMinutes()).toBe(0);
  });

  test.prop([
    fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 60 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 10 }),
    fc.dictionary(fc.integer({ min: 1, max: 30 }).map(String), fc.nat(15)),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 40 }),
  ])("picks each candidate once, never one already told or at the cap, at most max", (cands, told, counts, cap, max) => {
    const id = (n: number) => UserId(`u${n}`);
    const today = new Map(Object.entries(counts).map(([k, v]) => [`u${k}`, v]));
    const picked = pickRecipients(cands.map(id), new Set(told.map((n) => `u${n}`)), today, cap, max);
    expect(new Set(picked).size).toBe(picked.length);
    expect(picked.length).toBeLessThanOrEqual(max);
    for (const u of picked) {
      expect(told.map((n) => `u${n}`)).not.toContain(u);
      expect(today.get(u) ?? 0).toBeLessThan(cap);
    }
  });

  test.prop([fc.constantFrom("urgent" as const, "emergency" as const)])("only an emergency's notice carries 112 and 119", (u) => {
    const n = urgentQuestionNotice(UserId("u"), { id: QuestionId("q"), title: "질문", urgency: u, regionCode: "KR-49-01-02" }, 0);
    expect(n.message.includes("112") && n.message.includes("119")).toBe(u === "emergency");
    expect(n.type).toBe("urgent_question");
  });
});
