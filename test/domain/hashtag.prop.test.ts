import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { MAX_HASHTAG_LENGTH, MAX_HASHTAGS, normalizeHashtag, normalizeHashtags } from "../../src/domain/hashtag/hashtag.js";
import { charLength } from "../../src/domain/shared/text.js";

const rawTag = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("#제주", "  #애월 카페 ", "ＪＥＪＵ", "#Jeju", "##흑돼지", "#", "   ", "오름   투어", "한라산"),
);

describe("hashtag normalization", () => {
  test.prop([rawTag])("is idempotent", (raw) => {
    const once = normalizeHashtag(raw);
    if (once !== null) expect(normalizeHashtag(once)).toBe(once);
  });

  test.prop([rawTag])("gives a trimmed tag without leading '#', upper-case Latin or runs of spaces, within length", (raw) => {
    const tag = normalizeHashtag(raw);
    if (tag === null) return;
    expect(tag).toBe(tag.trim());
    expect(tag.startsWith("#")).toBe(false);
    expect(tag).not.toMatch(/[A-Z]/);
    expect(tag).not.toMatch(/\s\s/);
    expect(charLength(tag)).toBeGreaterThan(0);
    expect(charLength(tag)).toBeLessThanOrEqual(MAX_HASHTAG_LENGTH);
  });

  test("folds width, case, '#' and spacing", () => {
    expect(normalizeHashtag("ＪＥＪＵ")).toBe("jeju");
    expect(normalizeHashtag("  ##Jeju  ")).toBe("jeju");
    expect(normalizeHashtag("오름   투어")).toBe("오름 투어");
    expect(normalizeHashtag("#")).toBeNull();
    expect(normalizeHashtag("가".repeat(MAX_HASHTAG_LENGTH + 1))).toBeNull();
  });

  test.prop([fc.array(rawTag, { maxLength: 12 })])("a question keeps at most five distinct normalized tags, or says why not", (raws) => {
    const distinct = new Set(raws.map(normalizeHashtag).filter((t) => t !== null));
    normalizeHashtags(raws).match(
      (tags) => {
        expect(tags.length).toBeLessThanOrEqual(MAX_HASHTAGS);
        expect(new Set(tags).size).toBe(tags.length);
        expect(new Set(tags)).toEqual(distinct);
      },
      (e) => {
        expect(e._tag).toBe("TooManyHashtags");
        expect(distinct.size).toBeGreaterThan(MAX_HASHTAGS);
      },
    );
  });
});
