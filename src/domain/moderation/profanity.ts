/**
 * Korean profanity detection that sends a post to review; it never refuses a post (false positives are
 * for a moderator to clear). Evasions it sees through: compatibility and half-width jamo (NFKC), spacing,
 * digits or symbols between the syllables ("시 발", "씨1발", "ㅅ.ㅂ"), initial consonants alone ("ㅅㅂ"),
 * stretched vowels ("씨이발"). Innocent words that contain a match ("시발점", a starting point) are
 * listed; words whose sound is close but whose spelling differs ("십팔번", "수박", "시바견") never match,
 * because the patterns work on the exact jamo, not on initial consonants of whole syllables.
 */

export const PROFANITY_CATEGORIES = ["ssibal", "ssipal", "byeongsin", "jot", "gaesaekki", "jiral", "michin"] as const;
export type ProfanityCategory = (typeof PROFANITY_CATEGORIES)[number];

/** Innocent words containing a pattern, removed before matching (spaces and separators already removed). */
export const INNOCENT_WORDS = [
  "시발점",
  "시발역",
  "시발택시",
  "시발차",
  "시발전",
  "무시발언",
  "다시발",
  "병신년",
  "병신생",
  "병신일",
] as const;

// Conjoining jamo (what NFD of a syllable gives). Initials: ㄱ1100 ㄲ1101 ㄴ1102 ㄷ1103 ㄹ1105 ㅁ1106 ㅂ1107 ㅃ1108
// ㅅ1109 ㅆ110A ㅇ110B ㅈ110C ㅊ110E ㅍ1111, ㅄ1121 (NFKC of the compatibility ㅄ). Vowels: ㅏ1161 ㅐ1162
// ㅓ1165 ㅔ1166 ㅕ1167 ㅗ1169 ㅢ1174 ㅣ1175. Finals: ㄱ11A8 ㄴ11AB ㄹ11AF ㅁ11B7 ㅂ11B8 ㅇ11BC ㅈ11BD.
const PATTERNS: readonly (readonly [ProfanityCategory, RegExp])[] = [
  // 시발 씨발 시빨 씌발 씨이발 / 씨바 / ㅅㅂ ㅆㅂ (bare initials)
  [
    "ssibal",
    /[\u1109\u110A][\u1175\u1174](?:\u110B\u1175)*[\u1107\u1108]\u1161\u11AF|\u110A\u1175[\u1107\u1108]\u1161|[\u1109\u110A][\u1107\u1108]/u,
  ],
  // 시팔 씨팔 (not 십팔: the final ㅂ keeps them apart)
  ["ssipal", /[\u1109\u110A][\u1175\u1174]\u1111\u1161\u11AF/u],
  // 병신 / ㅂㅅ / ㅄ
  ["byeongsin", /\u1107\u1167\u11BC\u1109\u1175\u11AB|\u1107\u1109|\u1121/u],
  // 좆
  ["jot", /\u110C\u1169\u11BD/u],
  // 개새끼 개색기 개세끼 개새기 / ㄱㅅㄲ
  ["gaesaekki", /\u1100\u1162[\u1109\u110A][\u1162\u1166]\u11A8?[\u1101\u1100]\u1175|\u1100\u1109\u1101/u],
  // 지랄 / ㅈㄹ
  ["jiral", /\u110C\u1175\u1105\u1161\u11AF|\u110C\u1105/u],
  // 미친놈 미친년 미친새끼 (미친 alone is everyday emphasis)
  ["michin", /\u1106\u1175\u110E\u1175\u11AB(?:\u1102\u1169\u11B7|\u1102\u1167\u11AB|\u1109\u1162\u1101\u1175)/u],
];

const HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uD7B0-\uD7FF]+/gu;

/**
 * The runs of Korean letters, with every other character a separator; a run of one letter is joined to its
 * neighbours ("시 발" and "씨1발" become "시발", "ㅅ ㅂ" becomes "ㅅㅂ") while words of two or more letters stay apart
 * ("가시 발에" stays two words).
 */
export const koreanChunks = (text: string): string[] => {
  const tokens = text.normalize("NFKC").match(HANGUL) ?? [];
  const chunks: string[] = [];
  let previousSingle = false;
  for (const token of tokens) {
    const single = [...token].length === 1;
    const last = chunks.length - 1;
    if (last >= 0 && (single || previousSingle)) chunks[last] += token;
    else chunks.push(token);
    previousSingle = single;
  }
  return chunks;
};

const withoutInnocentWords = (chunk: string) => INNOCENT_WORDS.reduce((s, word) => s.split(word).join(" "), chunk);

/** The profanity categories the text contains (empty when none), in PROFANITY_CATEGORIES order. */
export const detectProfanity = (text: string): ProfanityCategory[] => {
  const found = new Set<ProfanityCategory>();
  for (const chunk of koreanChunks(text)) {
    for (const part of withoutInnocentWords(chunk).split(" ")) {
      const jamo = part.normalize("NFD");
      for (const [category, pattern] of PATTERNS) if (pattern.test(jamo)) found.add(category);
    }
  }
  return PROFANITY_CATEGORIES.filter((c) => found.has(c));
};

export const containsProfanity = (text: string): boolean => detectProfanity(text).length > 0;
