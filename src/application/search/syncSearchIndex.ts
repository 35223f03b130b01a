import { Effect } from "effect";
import { isListed } from "../../domain/question/question.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { type EventConsumer, EventLog, type RecordedEvent } from "../ports/EventLog.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { SearchDocuments } from "../ports/SearchDocuments.js";
import { toIndexed } from "./indexable.js";

/** The event consumer that keeps the search engine's documents. */
export const SEARCH_ENGINE_CONSUMER = "search-engine";
export const searchEngineConsumer: EventConsumer = {
  name: SEARCH_ENGINE_CONSUMER,
  wants: ["QuestionChanged", "AnswerChanged", "AuthorChanged"],
};

/** An author's questions, for a change that shows in all their documents. */
const MAX_AUTHOR_QUESTIONS = 10_000;

const questionIdsOf = (events: readonly RecordedEvent[]) =>
  Effect.gen(function* () {
    const ids = new Set<QuestionId>();
    for (const { event } of events) {
      if (event._tag === "QuestionChanged" || event._tag === "AnswerChanged") ids.add(event.questionId);
      if (event._tag === "AuthorChanged") {
        const theirs = yield* (yield* QuestionRepository).list({ authorId: event.userId, sort: "newest", limit: MAX_AUTHOR_QUESTIONS });
        for (const q of theirs) ids.add(q.id);
      }
    }
    return [...ids];
  });

/**
 * Moves one batch of events to the engine: the current state of each question they name is read
 * from the system of record, listed ones are written, hidden or deleted ones removed. The events are
 * acknowledged only after the engine accepted them, so an outage loses nothing: they wait for the
 * next run. Writing a question's current state twice does no harm, so delivering twice does none.
 */
export const syncSearchIndex = Effect.fn("syncSearchIndex")(function* (batchSize = 200) {
  const log = yield* EventLog;
  const events = yield* log.pending(SEARCH_ENGINE_CONSUMER, batchSize);
  if (events.length === 0) return { synced: 0, removed: 0, events: 0 };
  const ids = yield* questionIdsOf(events);
  const found = ids.length > 0 ? yield* (yield* QuestionRepository).findByIds(ids) : [];
  const live = found.filter(isListed);
  const liveIds = new Set<string>(live.map((q) => q.id));
  const removed = ids.filter((id) => !liveIds.has(id));
  const docs = yield* toIndexed(live);
  const documents = yield* SearchDocuments;
  if (docs.length > 0) yield* documents.upsert(docs);
  if (removed.length > 0) yield* documents.remove(removed);
  yield* log.acknowledge(
    SEARCH_ENGINE_CONSUMER,
    events.map((e) => e.id),
  );
  return { synced: docs.length, removed: removed.length, events: events.length };
});
