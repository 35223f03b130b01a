import { Effect } from "effect";
import { normalizeText } from "../../domain/search/koreanText.js";
import { SearchIndex } from "../ports/SearchIndex.js";

export const suggestTitles = Effect.fn("suggestTitles")(function* (prefix: string, size = 8) {
  const p = normalizeText(prefix);
  if (p.length === 0) return { suggestions: [] as readonly string[] };
  return { suggestions: yield* (yield* SearchIndex).suggest(p, size) };
});
