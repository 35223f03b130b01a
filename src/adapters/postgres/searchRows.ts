import type { SearchDocument } from "../../domain/search/document.js";

/** The question_search row's parameters for a document, in column order after question_id. */
export const searchRowValues = (d: SearchDocument) => [
  d.titleGrams,
  d.bodyGrams,
  d.tagGrams,
  d.nameGrams,
  [...new Set([...d.titleGrams, ...d.bodyGrams, ...d.tagGrams, ...d.nameGrams])],
  d.titleJamo,
  d.titleChoseong,
];

/** The SQL types of searchRowValues, for parameters whose type PostgreSQL cannot infer (in a SELECT list). */
export const SEARCH_ROW_TYPES = ["text[]", "text[]", "text[]", "text[]", "text[]", "text", "text"] as const;

/** For a statement that supplies the row itself (`… SELECT id, $n, …`), as the question's insert does. */
export const SEARCH_ROW_INSERT =
  "INSERT INTO question_search (question_id, title_grams, body_grams, tag_grams, name_grams, all_grams, title_jamo, title_choseong)";

export const UPSERT_SEARCH_ROW = `INSERT INTO question_search (question_id, title_grams, body_grams, tag_grams, name_grams, all_grams, title_jamo, title_choseong)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (question_id) DO UPDATE SET title_grams = EXCLUDED.title_grams, body_grams = EXCLUDED.body_grams, tag_grams = EXCLUDED.tag_grams,
    name_grams = EXCLUDED.name_grams, all_grams = EXCLUDED.all_grams, title_jamo = EXCLUDED.title_jamo, title_choseong = EXCLUDED.title_choseong`;
