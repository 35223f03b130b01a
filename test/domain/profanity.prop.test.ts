import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { containsProfanity, detectProfanity, koreanChunks } from "../../src/domain/moderation/profanity.js";

/** The example table: what is caught (and as what), and innocent text that must never be. */
const CAUGHT: readonly (readonly [string, string])[] = [
  ["시발", "ssibal"],
  ["시 발", "ssibal"],
  ["ㅅㅂ", "ssibal"],
  ["ㅆㅂ 진짜", "ssibal"],
  ["씨1발", "ssibal"],
  ["씨.발", "ssibal"],
  ["씨이이발 뭐야", "ssibal"],
  ["ㅅ ㅂ", "ssibal"],
  ["ㅅ1ㅂ", "ssibal"],
  ["시\u200b발", "ssibal"],
  ["씨팔", "ssipal"],
  ["병신", "byeongsin"],
  ["ㅄ", "byeongsin"],
  ["ㅂㅅ같네", "byeongsin"],
  ["좆같네", "jot"],
  ["개새끼", "gaesaekki"],
  ["개 새 끼", "gaesaekki"],
  ["개색기", "gaesaekki"],
  ["지랄하네", "jiral"],
  ["미친놈", "michin"],
  ["이 시 발 놈아", "ssibal"],
];

const INNOCENT: readonly string[] = [
  "시발점에서 출발",
  "수박 어디서 사요",
  "십팔번",
  "제 십팔번은 동백아가씨예요",
  "시바견 산책 코스 있나요",
  "가시 발에 찔렸어요",
  "미친 듯이 맛있어요",
  "껌 씹다가 버렸어요",
  "병신년 새해 복 많이 받으세요",
  "다시발견한 맛집",
  "무시발언은 삼가 주세요",
  "버스 시발역이 어디예요",
  "감사합니다 좋은 정보예요",
  "성산일출봉 일출 보려면 몇 시에 가요",
  "ㅋㅋㅋ 진짜 웃기네요",
  "서귀포 시 발전 계획",
];

describe("Korean profanity: the example table", () => {
  it.each(CAUGHT)("%s is caught as %s", (text, category) => {
    expect(detectProfanity(text)).toContain(category);
  });
  it.each(INNOCENT.map((t) => [t]))("%s is innocent", (text) => {
    expect(detectProfanity(text)).toEqual([]);
  });
});

const PROFANE_WORDS = ["시발", "씨발", "씨팔", "병신", "개새끼", "좆", "지랄"] as const;
// Innocent words of two or more syllables: joined by separators they are never merged into one word.
const INNOCENT_WORDS = ["수박", "어디서", "사요", "시발점에서", "출발", "십팔번", "가시", "발에", "제주", "맛집", "시바견", "미친", "듯이"];
const separators = fc
  .array(fc.constantFrom(" ", "1", ".", "_", "*", "\u200b", "-", "  ", "8"), { minLength: 1, maxLength: 3 })
  .map((s) => s.join(""));
const innocentText = fc.array(fc.constantFrom(...INNOCENT_WORDS), { maxLength: 8 });

/** Puts a separator between every two letters of the word. */
const spread = (word: string, seps: readonly string[]) =>
  [...word].map((ch, i) => (i === 0 ? ch : `${seps[(i - 1) % seps.length] ?? " "}${ch}`)).join("");

describe("Korean profanity: properties", () => {
  test.prop([fc.constantFrom(...PROFANE_WORDS), fc.array(separators, { minLength: 1, maxLength: 4 }), innocentText, innocentText])(
    "a profane word stays caught whatever is put between its letters and around it",
    (word, seps, before, after) => {
      const text = [...before, spread(word, seps), ...after].join(" ");
      expect(containsProfanity(text)).toBe(true);
    },
  );

  test.prop([innocentText.filter((w) => w.length > 0), fc.array(fc.constantFrom(" ", ", ", "! ", "\n", " ~ "), { minLength: 1 })])(
    "innocent words, however they are joined by spaces and punctuation, are never caught",
    (words, joints) => {
      const text = words.map((w, i) => (i === 0 ? w : `${joints[(i - 1) % joints.length]}${w}`)).join("");
      expect(detectProfanity(text)).toEqual([]);
    },
  );

  test.prop([fc.string({ maxLength: 40 }), fc.constantFrom(...PROFANE_WORDS)])(
    "detection does not depend on the Unicode normal form (NFC, NFD, NFKC) of the text",
    (noise, word) => {
      const text = `${noise} ${word}`;
      const expected = detectProfanity(text);
      expect(detectProfanity(text.normalize("NFD"))).toEqual(expected);
      expect(detectProfanity(text.normalize("NFKC"))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    },
  );

  test.prop([fc.string({ maxLength: 60 })])("any text gets an answer (never throws) and chunks hold only Korean letters", (text) => {
    expect(Array.isArray(detectProfanity(text))).toBe(true);
    for (const chunk of koreanChunks(text))
      expect(chunk).toMatch(/^[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uD7B0-\uD7FF]+$/u);
  });
});
