import { createHash } from "node:crypto";
import { Effect } from "effect";
import { QUESTION_LISTS, questionViewKey } from "../../application/cache/invalidateCaches.js";
import { PublicCache } from "../../application/ports/PublicCache.js";
import { countView } from "../../application/question/countView.js";
import { getQuestion } from "../../application/question/getQuestion.js";
import { listQuestions } from "../../application/question/listQuestions.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { type Call, run } from "./run.js";
import { pageView, questionDetailView, questionView } from "./views.js";

/** TTLs in seconds: a question page (the outbox drops it on any change), first list pages (the seed's 600 s). */
export const QUESTION_PAGE_TTL = 60;
export const QUESTION_LIST_TTL = 600;

/**
 * A question page as an anonymous reader sees it, from the public cache (L1, Redis) when there; the
 * reader's view is counted either way. The cached page's view count lags the stored one by at most its TTL.
 */
export const publicQuestionDetail = async (call: Call, id: QuestionId, clientKey: string | null) => {
  const page = await run(
    call,
    PublicCache.use((cache) =>
      cache.getOrLoad(questionViewKey(id), QUESTION_PAGE_TTL, Effect.map(getQuestion(id, null, null, false), questionDetailView)),
    ),
  );
  await run(call, countView(id, null, clientKey, page.authorId));
  return page;
};

type ListInput = Parameters<typeof listQuestions>[0];

/** A first page of questions for an anonymous reader (`questions:list:{hash}` of the query), from the public cache. */
export const publicQuestionList = (call: Call, input: ListInput) =>
  run(
    call,
    PublicCache.use((cache) =>
      cache.getOrLoad(
        `${QUESTION_LISTS}:${createHash("sha1")
          .update(JSON.stringify(input ?? {}))
          .digest("base64url")}`,
        QUESTION_LIST_TTL,
        Effect.map(listQuestions(input), (page) => pageView(page, questionView)),
        QUESTION_LISTS,
      ),
    ),
  );
