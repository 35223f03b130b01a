import { Effect } from "effect";
import { isListed } from "../../domain/question/question.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { SearchDocuments } from "../ports/SearchDocuments.js";
import { SearchOutbox } from "../ports/SearchOutbox.js";
import { toIndexed } from "./indexable.js";

/**
 * Moves one batch of pending changes to the engine: the current state of each question is read
 * from the system of record, listed ones are written, hidden or deleted ones removed. Entries are
 * completed only after the engine accepted them, so an outage loses nothing: they wait for the next run.
 */
export const syncSearchIndex = Effect.fn("syncSearchIndex")(function* (batchSize = 200) {
  const outbox = yield* SearchOutbox;
  const entries = yield* outbox.take(batchSize);
  if (entries.length === 0) return { synced: 0, removed: 0 };
  const questions = yield* QuestionRepository;
  const found = yield* questions.findByIds(entries.map((e) => e.questionId));
  const live = found.filter(isListed);
  const liveIds = new Set<string>(live.map((q) => q.id));
  const removed: QuestionId[] = entries.map((e) => e.questionId).filter((id) => !liveIds.has(id));
  const docs = yield* toIndexed(live);
  const documents = yield* SearchDocuments;
  if (docs.length > 0) yield* documents.upsert(docs);
  if (removed.length > 0) yield* documents.remove(removed);
  yield* outbox.complete(entries);
  return { synced: docs.length, removed: removed.length };
});
