import { Effect } from "effect";
import type { Category } from "../../domain/question/category.js";
import { type QuestionSort, type SortKey, sortKey } from "../../domain/question/ordering.js";
import type { QuestionStatus } from "../../domain/question/question.js";
import { activeRegion, selfAndDescendants } from "../../domain/region/region.js";
import type { UserId } from "../../domain/shared/ids.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { decodeCursor, encodeCursor } from "../shared/cursor.js";

export interface ListQuestionsInput {
  readonly regionCode?: string | undefined;
  readonly category?: Category | undefined;
  readonly status?: Exclude<QuestionStatus, "hidden"> | undefined;
  readonly authorId?: UserId | undefined;
  readonly sort?: QuestionSort | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

const isSortKey = (v: unknown): v is { s: QuestionSort; k: SortKey } =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { s?: unknown }).s === "string" &&
  Array.isArray((v as { k?: unknown }).k) &&
  (v as { k: unknown[] }).k.every((x) => typeof x === "number" || typeof x === "string");

export const listQuestions = Effect.fn("listQuestions")(function* (input: ListQuestionsInput) {
  const sort = input.sort ?? "newest";
  const limit = input.limit ?? 20;
  const cursor = yield* decodeCursor(input.cursor, isSortKey);
  if (cursor && cursor.s !== sort) return yield* Effect.fail({ _tag: "InvalidCursor" as const });
  let regionCodes: string[] | undefined;
  if (input.regionCode !== undefined) {
    const catalog = yield* (yield* RegionRepository).catalog;
    if (!activeRegion(catalog, input.regionCode)) return yield* Effect.fail({ _tag: "RegionNotFound" as const, code: input.regionCode });
    regionCodes = selfAndDescendants(catalog, input.regionCode);
  }
  const rows = yield* (yield* QuestionRepository).list({
    sort,
    limit: limit + 1,
    ...(regionCodes ? { regionCodes } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.status ? { statuses: [input.status] } : {}),
    ...(input.authorId ? { authorId: input.authorId } : {}),
    ...(cursor ? { after: cursor.k } : {}),
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ s: sort, k: sortKey(last, sort) }) : null;
  return { items, nextCursor };
});
