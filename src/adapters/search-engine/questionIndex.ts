import type { Region } from "../../domain/region/region.js";
import { SYNONYM_GROUPS } from "../../domain/search/synonyms.js";

/**
 * The questions index: the seed design's settings and mapping (nori with mixed decompounding,
 * part-of-speech filtering, reading form, synonyms, 2–3-grams on titles, geo_point), with the
 * corrections from our Korean search notes:
 * - the seed's stop tags drop meaningful words (XPN: 흑돼지 → 돼지, IC, MM, XSV), so they are kept;
 * - synonyms are applied at search time (synonym_graph, reloadable) over a non-stacking tokenizer,
 *   since a synonym filter after nori's stacked `mixed` tokens misbehaves;
 * - a user dictionary keeps Jeju words and place names whole.
 */
/** The synonym groups of the vocabulary file (the seed's and Jeju ones), as the search analyzer's rules. */
export const ANALYZER_SYNONYMS = SYNONYM_GROUPS.map((g) => g.join(","));

/** Words nori would split, and every region name of Jeju, kept as single nouns. */
export const JEJU_WORDS = [
  "흑돼지",
  "맛집",
  "맛있는집",
  "고기국수",
  "돔베고기",
  "몸국",
  "갈치조림",
  "한라봉",
  "올레길",
  "오름",
  "해녀",
  "돌하르방",
  "렌터카",
  "게스트하우스",
  "한달살기",
  "성산일출봉",
  "한라산",
  "우도",
  "새별오름",
  "협재해수욕장",
  "함덕해수욕장",
  "한담해변",
  "월정리",
  "이호테우",
  "천지연폭포",
  "쇠소깍",
  "산방산",
  "송악산",
  "중문관광단지",
  "동문시장",
  "매일올레시장",
  "사려니숲길",
  "용두암",
];

/** Lucene's default stop tags (the seed's E and J spelt out, as Lucene 10 requires) without IC, MM, XPN and XSV. */
const STOP_TAGS = [
  "EP",
  "EF",
  "EC",
  "ETN",
  "ETM",
  "JKS",
  "JKC",
  "JKG",
  "JKO",
  "JKB",
  "JKV",
  "JKQ",
  "JX",
  "JC",
  "MAG",
  "MAJ",
  "SP",
  "SSC",
  "SSO",
  "SC",
  "SE",
  "XSA",
  "XSN",
  "UNA",
  "NA",
  "VSV",
];

export const questionIndexBody = (regions: readonly Region[], options: { readonly shards?: number; readonly replicas?: number } = {}) => {
  const dictionary = [...new Set([...JEJU_WORDS, ...regions.filter((r) => r.code.startsWith("KR-49")).map((r) => r.name)])];
  return {
    settings: {
      number_of_shards: options.shards ?? 3,
      number_of_replicas: options.replicas ?? 1,
      "index.max_ngram_diff": 1,
      analysis: {
        tokenizer: {
          nori_mixed: { type: "nori_tokenizer", decompound_mode: "mixed", discard_punctuation: true, user_dictionary_rules: dictionary },
          nori_discard: {
            type: "nori_tokenizer",
            decompound_mode: "discard",
            discard_punctuation: true,
            user_dictionary_rules: dictionary,
          },
          ngram_tokenizer: { type: "ngram", min_gram: 2, max_gram: 3, token_chars: ["letter", "digit"] },
          jamo_trigrams: { type: "ngram", min_gram: 3, max_gram: 3, token_chars: ["letter", "digit"] },
        },
        filter: {
          korean_pos: { type: "nori_part_of_speech", stoptags: STOP_TAGS },
          korean_synonyms: { type: "synonym_graph", synonyms: ANALYZER_SYNONYMS, updateable: true },
        },
        analyzer: {
          korean_index: { type: "custom", tokenizer: "nori_mixed", filter: ["korean_pos", "nori_readingform", "lowercase"] },
          korean_search: {
            type: "custom",
            tokenizer: "nori_discard",
            filter: ["korean_pos", "nori_readingform", "lowercase", "korean_synonyms"],
          },
          ngram_analyzer: { type: "custom", tokenizer: "ngram_tokenizer", filter: ["lowercase"] },
          hashtag_analyzer: { type: "custom", tokenizer: "keyword", filter: ["lowercase", "trim"] },
          jamo_analyzer: { type: "custom", tokenizer: "jamo_trigrams" },
        },
      },
    },
    mappings: {
      dynamic: "strict",
      properties: {
        id: { type: "keyword" },
        title: {
          type: "text",
          analyzer: "korean_index",
          search_analyzer: "korean_search",
          fields: { ngram: { type: "text", analyzer: "ngram_analyzer" }, keyword: { type: "keyword" } },
        },
        content: {
          type: "text",
          analyzer: "korean_index",
          search_analyzer: "korean_search",
          fields: { ngram: { type: "text", analyzer: "ngram_analyzer" } },
        },
        hashtags: {
          type: "text",
          analyzer: "hashtag_analyzer",
          fields: { keyword: { type: "keyword" }, ngram: { type: "text", analyzer: "ngram_analyzer" } },
        },
        region_code: { type: "keyword" },
        region_path: { type: "keyword" },
        category: { type: "keyword" },
        urgency: { type: "keyword" },
        status: { type: "keyword" },
        location: { type: "geo_point" },
        user: {
          properties: {
            id: { type: "keyword" },
            nickname: { type: "text", analyzer: "korean_index", search_analyzer: "korean_search" },
            is_local_verified: { type: "boolean" },
            verification_level: { type: "integer" },
          },
        },
        stats: { properties: { view_count: { type: "integer" }, like_count: { type: "integer" }, answer_count: { type: "integer" } } },
        created_at: { type: "date" },
        updated_at: { type: "date" },
        popularity_score: { type: "float" },
        // Our additions: time-invariant ranks for sorting, 초성 and jamo for Korean input, a checksum for drift checks.
        popularity_rank: { type: "double" },
        urgency_rank: { type: "integer" },
        title_choseong: { type: "keyword" },
        title_jamo: { type: "text", analyzer: "jamo_analyzer" },
        checksum: { type: "keyword" },
        suggest: { type: "completion", analyzer: "simple", contexts: [{ name: "region", type: "category", path: "region_path" }] },
        suggest_choseong: { type: "completion", analyzer: "keyword" },
      },
    },
  };
};
