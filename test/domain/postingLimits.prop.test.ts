import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { hidesAt } from "../../src/domain/moderation/moderation.js";
import { checkLinks, countLinks, isNewUser, repostFingerprint } from "../../src/domain/moderation/postingLimits.js";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1);

describe("new users", () => {
  test.prop([fc.integer({ min: 0, max: 1000 * HOUR }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 100 * HOUR })])(
    "new exactly while younger than the window and not a verified local (level 2+)",
    (age, level, windowMs) => {
      const user = { createdAt: new Date(T0), verificationLevel: level };
      expect(isNewUser(user, new Date(T0 + age), windowMs)).toBe(age < windowMs && level < 2);
    },
  );
});

describe("links", () => {
  it.each([
    ["https://example.com 에서 보세요", 1],
    ["www.visitjeju.net 그리고 http://a.kr/b", 2],
    ["bit.ly/abc naver.com jeju.go.kr", 3],
    ["ｈｔｔｐｓ://ｅｘａｍｐｌｅ.ｃｏｍ", 1],
    ["3.5km 걸어가면 1.5kg 귤을 팔아요", 0],
    ["링크 없는 답변입니다", 0],
  ] as const)("%s has %i", (text, n) => {
    expect(countLinks(text)).toBe(n);
  });

  test.prop([fc.array(fc.constantFrom("https://a.kr/x", "www.b.com", "c.net/d"), { maxLength: 6 }), fc.integer({ min: 0, max: 6 })])(
    "checkLinks refuses exactly more than the maximum",
    (links, max) => {
      const text = ["제주 맛집", ...links].join(" 그리고 ");
      expect(countLinks(text)).toBe(links.length);
      expect(checkLinks(text, max).isOk()).toBe(links.length <= max);
    },
  );
});

describe("reposts", () => {
  test.prop([fc.string({ maxLength: 80 }), fc.constantFrom(" ", "  ", "\n", "\t")])(
    "the fingerprint ignores spacing, case and width",
    (text, space) => {
      const f = repostFingerprint(text);
      expect(repostFingerprint(` ${text.replace(/ /g, space)} `.toUpperCase())).toBe(repostFingerprint(f.toUpperCase()));
      expect(repostFingerprint(text.normalize("NFKC"))).toBe(f);
    },
  );
});

describe("flags", () => {
  test.prop([fc.integer({ min: 1, max: 10 })])("exactly the threshold-th flag hides", (threshold) => {
    const hiding = Array.from({ length: 20 }, (_, i) => i + 1).filter((n) => hidesAt(n, threshold));
    expect(hiding).toEqual([threshold]);
  });
});
