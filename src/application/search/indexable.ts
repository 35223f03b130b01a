import { Effect } from "effect";
import { type SortKey, sortKey } from "../../domain/question/ordering.js";
import type { Question } from "../../domain/question/question.js";
import { selfAndAncestors } from "../../domain/region/region.js";
import { isLocalVerified } from "../../domain/user/user.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import type { IndexedQuestion } from "../ports/SearchDocuments.js";
import { UserRepository } from "../ports/UserRepository.js";

/** What the engine needs of each question: its author as of now and its region path. */
export const toIndexed = Effect.fn("toIndexed")(function* (questions: readonly Question[]) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const authors = new Map((yield* (yield* UserRepository).findByIds(questions.map((q) => q.authorId))).map((u) => [u.id, u]));
  return questions.map((question): IndexedQuestion => {
    const author = authors.get(question.authorId);
    return {
      question,
      authorNickname: author?.nickname ?? "",
      authorIsLocal: author ? isLocalVerified(author) : false,
      authorVerificationLevel: author?.verificationLevel ?? 0,
      regionPath: selfAndAncestors(catalog, question.regionCode),
    };
  });
});

/** Listed questions in a stable order, a page at a time: for rebuilding or checking an index. */
export const indexablePage = Effect.fn("indexablePage")(function* (after: SortKey | undefined, limit: number) {
  const page = yield* (yield* QuestionRepository).list({ sort: "oldest", limit, ...(after ? { after } : {}) });
  const last = page.at(-1);
  return { docs: yield* toIndexed(page), next: page.length === limit && last ? sortKey(last, "oldest") : undefined };
});
