import { ENGLISH_MESSAGES, type ErrorEntry } from "./errorCatalogue.js";

/** The languages the API's messages come in; Korean unless the client asks for English. */
export type Language = "ko" | "en";
export const DEFAULT_LANGUAGE: Language = "ko";

const SUPPORTED: readonly Language[] = ["ko", "en"];

/**
 * The language an `Accept-Language` header prefers among ours (RFC 9110 §12.5.4: weights, `*`, `q=0` refusing):
 * `en-US,en;q=0.9` → en, `ja, en;q=0.5` → en, `fr` or nothing → ko. Equal weights keep the header's order.
 */
export const languageOf = (header: string | readonly string[] | null | undefined): Language => {
  const text: string = typeof header === "string" ? header : (header ?? []).join(",");
  let best: { language: Language; q: number } | undefined;
  for (const part of text.split(",")) {
    const [range = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const primary = range.trim().toLowerCase().split("-")[0];
    const language = primary === "*" ? DEFAULT_LANGUAGE : SUPPORTED.find((l) => l === primary);
    if (language !== undefined && (best === undefined || q > best.q)) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
};

/** An entry's message in the language asked for (the catalogue's Korean when English is missing, which a test forbids). */
export const messageIn = (entry: ErrorEntry, language: Language): string =>
  language === "en" ? (ENGLISH_MESSAGES[entry.code] ?? entry.message) : entry.message;
