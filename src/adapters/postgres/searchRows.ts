import type { DomainEvent } from "../../application/ports/Events.js";
import { type SearchDocument, searchDocument } from "../../domain/search/document.js";

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

const ROW_COLUMNS = ["title_grams", "body_grams", "tag_grams", "name_grams", "all_grams", "title_jamo", "title_choseong"] as const;

/**
 * The PostgreSQL search projection: the search rows of questions whose text was just written, as one
 * JSON parameter for PROJECT_SEARCH_ROWS (the last write of a question wins).
 */
export const searchRowsOf = (events: readonly DomainEvent[]): string | undefined => {
  const rows = new Map<string, Record<string, unknown>>();
  for (const e of events) {
    if (e._tag !== "QuestionChanged" || !e.text) continue;
    const values = searchRowValues(searchDocument(e.text, e.text.authorNickname));
    rows.set(e.questionId, { question_id: e.questionId, ...Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, values[i]])) });
  }
  return rows.size === 0 ? undefined : JSON.stringify([...rows.values()]);
};

/** Upserts the rows of `searchRowsOf`, given as the parameter `param`. */
export const PROJECT_SEARCH_ROWS = (param: string) => `INSERT INTO question_search (question_id, ${ROW_COLUMNS.join(", ")})
  SELECT x.question_id, ${ROW_COLUMNS.map((c, i) =>
    SEARCH_ROW_TYPES[i] === "text[]" ? `ARRAY(SELECT jsonb_array_elements_text(x.${c}))` : `x.${c}`,
  ).join(", ")}
  FROM jsonb_to_recordset(${param}::jsonb) AS x(question_id uuid, ${ROW_COLUMNS.map((c, i) => `${c} ${SEARCH_ROW_TYPES[i] === "text[]" ? "jsonb" : "text"}`).join(", ")})
  ON CONFLICT (question_id) DO UPDATE SET ${ROW_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`;
