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
