import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { BADGE_RULES, type Badge, type BadgeRecord, evaluateBadges, levelFor, reachesThreshold } from "../../src/domain/badge/badge.js";

const record = fc.record<BadgeRecord>({
  questionCount: fc.nat(100),
  answerCount: fc.nat(200),
  acceptedAnswerCount: fc.nat(80),
  verificationLevel: fc.integer({ min: 0, max: 3 }),
  acceptedInHomeRegion: fc.nat(80),
});

const apply = (held: Badge[], r: BadgeRecord): Badge[] => {
  const next = new Map(held.map((b) => [b.type, b.level]));
  for (const a of evaluateBadges(r, held)) next.set(a.type, a.level);
  return [...next].map(([type, level]) => ({ type, level }));
};

describe("badges", () => {
  test.prop([fc.array(record, { minLength: 1, maxLength: 10 })])(
    "are unique per type, never lowered, and re-running the rules awards nothing new",
    (records) => {
      let held: Badge[] = [];
      for (const r of records) {
        const before = new Map(held.map((b) => [b.type, b.level]));
        held = apply(held, r);
        expect(new Set(held.map((b) => b.type)).size).toBe(held.length);
        for (const b of held) expect(b.level).toBeGreaterThanOrEqual(before.get(b.type) ?? 0);
        expect(evaluateBadges(r, held)).toEqual([]);
      }
    },
  );

  test.prop([record, record])("more activity never earns a lower level", (a, b) => {
    const more: BadgeRecord = {
      questionCount: a.questionCount + b.questionCount,
      answerCount: a.answerCount + b.answerCount,
      acceptedAnswerCount: a.acceptedAnswerCount + b.acceptedAnswerCount,
      verificationLevel: Math.max(a.verificationLevel, b.verificationLevel),
      acceptedInHomeRegion: a.acceptedInHomeRegion + b.acceptedInHomeRegion,
    };
    for (const rule of BADGE_RULES) expect(levelFor(rule, more)).toBeGreaterThanOrEqual(levelFor(rule, a));
  });

  test("local expert needs verification and accepted answers at home", () => {
    const base = { questionCount: 0, answerCount: 5, acceptedAnswerCount: 5, acceptedInHomeRegion: 5 };
    expect(evaluateBadges({ ...base, verificationLevel: 1 }, []).map((a) => a.type)).not.toContain("local_expert");
    expect(evaluateBadges({ ...base, verificationLevel: 2 }, []).map((a) => a.type)).toContain("local_expert");
  });

  test.prop([record, fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3)])(
    "growth that reaches no threshold earns nothing over the badges held before it (so the held ones need not be read)",
    (before, dq, da, dacc, dhome) => {
      const after: BadgeRecord = {
        ...before,
        questionCount: before.questionCount + dq,
        answerCount: before.answerCount + da,
        acceptedAnswerCount: before.acceptedAnswerCount + dacc,
        acceptedInHomeRegion: before.acceptedInHomeRegion + dhome,
      };
      const held = apply([], before);
      if (!reachesThreshold(before, after)) expect(evaluateBadges(after, held)).toEqual([]);
      else expect(evaluateBadges(after, held).length).toBeGreaterThan(0);
    },
  );
});
