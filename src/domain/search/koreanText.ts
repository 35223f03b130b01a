import { convertQwertyToHangul, disassemble, getChoseong } from "es-hangul";

/** NFC, lower-case Latin, one space between words. */
export const normalizeText = (s: string): string => s.normalize("NFC").toLowerCase().replace(/\s+/gu, " ").trim();

/** Letters and digits only; everything else separates words. */
export const words = (s: string): string[] =>
  normalizeText(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Common particles and endings, longest first: 흑돼지를 → 흑돼지, 공항에서 → 공항. */
const PARTICLES = [
  "에서부터",
  "으로부터",
  "에서는",
  "에게서",
  "까지는",
  "부터는",
  "이라도",
  "한테서",
  "에서",
  "에게",
  "한테",
  "으로",
  "까지",
  "부터",
  "처럼",
  "보다",
  "이랑",
  "하고",
  "이나",
  "라도",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "에",
  "의",
  "와",
  "과",
  "도",
  "만",
  "로",
  "랑",
  "나",
  "요",
];
const HANGUL_SYLLABLE = /^[가-힣]+$/u;

export const stripParticle = (word: string): string => {
  if (!HANGUL_SYLLABLE.test(word)) return word;
  for (const p of PARTICLES) if (word.length >= p.length + 2 && word.endsWith(p)) return word.slice(0, -p.length);
  return word;
};

/** Overlapping two-syllable (two-letter) grams; a one-letter word is its own gram. */
export const bigramsOf = (word: string): string[] => {
  const chars = [...word];
  if (chars.length < 2) return chars.length === 1 ? [word] : [];
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
};

/**
 * What a field is indexed as: the grams of every word and of the text without spaces, so that
 * 애월카페 and 애월 카페 meet, and compounds (제주공항맛집) contain their parts (공항, 맛집).
 */
export const indexGrams = (text: string): string[] => {
  const ws = words(text);
  const joined = ws.join("");
  return [...new Set([...ws.flatMap((w) => bigramsOf(w)), ...bigramsOf(joined), ...ws.map(stripParticle).flatMap((w) => bigramsOf(w))])];
};

/** Jamo letters, for typo tolerance by letter rather than by syllable (맞집 ≈ 맛집). */
export const jamoOf = (text: string): string => disassemble(normalizeText(text));

/** Initial consonants, keeping Latin and digits: 한라산 등산 → ㅎㄹㅅ ㄷㅅ. */
export const choseongOf = (text: string): string => getChoseong(normalizeText(text), { keepNonHangul: true } as never);

const CHOSEONG_ONLY = /^[ㄱ-ㅎ\s]+$/u;
const LATIN_ONLY = /^[a-z\s]+$/iu;
const COMPLETE_HANGUL = /^[가-힣\s]+$/u;

export const isChoseongQuery = (q: string): boolean => CHOSEONG_ONLY.test(q.trim()) && q.trim().length >= 2;

/** Hangul typed with the keyboard in English mode (gkssktks → 한나산), when it converts to whole syllables. */
export const hangulFromQwerty = (q: string): string | undefined => {
  const trimmed = q.trim();
  if (!LATIN_ONLY.test(trimmed)) return undefined;
  const converted = convertQwertyToHangul(trimmed);
  return COMPLETE_HANGUL.test(converted) ? converted : undefined;
};

/** Verb and adjective endings a query word carries (반납할 때, 세차해야, 열리나요), longest first. */
const PREDICATE_ENDINGS = [
  "하려면",
  "했는데",
  "할까요",
  "하나요",
  "하는데",
  "하려고",
  "려면",
  "으면",
  "는데",
  "나요",
  "까요",
  "세요",
  "는지",
  "어요",
  "아요",
  "해야",
  "해요",
  "하는",
  "하기",
  "하면",
  "하고",
  "려고",
  "면",
  "해",
  "할",
  "한",
  "하",
];
const SYLLABLE_BASE = 0xac00;
/** Final consonants ㄴ and ㄹ, the modifier endings (보낼 = 보내 + ㄹ, 간 = 가 + ㄴ). */
const MODIFIER_FINALS = new Set([4, 8]);

/**
 * Stems a predicate may have, for matching by syllable grams where no morphological analyzer runs:
 * the word without a verbal ending (세차해야 → 세차, 열리나요 → 열리) and without a modifier's final
 * consonant (보낼 → 보내). Only stems of two syllables or more.
 */
export const predicateStems = (word: string): string[] => {
  if (!HANGUL_SYLLABLE.test(word)) return [];
  const out: string[] = [];
  const ending = PREDICATE_ENDINGS.find((e) => word.length >= e.length + 2 && word.endsWith(e));
  if (ending) out.push(word.slice(0, -ending.length));
  const last = word.charCodeAt(word.length - 1) - SYLLABLE_BASE;
  if (word.length >= 2 && MODIFIER_FINALS.has(last % 28))
    out.push(word.slice(0, -1) + String.fromCharCode(SYLLABLE_BASE + last - (last % 28)));
  return out.filter((s) => s !== word);
};

/** Two-part readings of an unspaced compound (애월카페 → 애월 카페), each part two syllables or more. */
export const compoundSplits = (word: string): string[] => {
  const chars = [...word];
  if (!HANGUL_SYLLABLE.test(word) || chars.length < 4 || chars.length > 8) return [];
  const out: string[] = [];
  for (let i = 2; i <= chars.length - 2; i++) out.push(`${chars.slice(0, i).join("")} ${chars.slice(i).join("")}`);
  return out;
};
