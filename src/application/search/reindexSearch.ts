import { Effect } from "effect";
import type { SortKey } from "../../domain/question/ordering.js";
import { EventLog } from "../ports/EventLog.js";
import { SearchAdmin } from "../ports/SearchAdmin.js";
import { indexablePage } from "./indexable.js";

/**
 * Rebuilds the index without downtime: a new versioned index is filled from the database while
 * searches keep using the old one, then the alias moves in one atomic step and the old index goes.
 * Changes made during the copy are caught by recording a change of every question for the sync.
 */
export const reindexSearch = Effect.fn("reindexSearch")(function* (pageSize = 500) {
  const admin = yield* SearchAdmin;
  const index = yield* admin.createIndex;
  let copied = 0;
  let after: SortKey | undefined;
  do {
    const page = yield* indexablePage(after, pageSize);
    yield* admin.fill(index, page.docs);
    copied += page.docs.length;
    after = page.next;
  } while (after);
  const dropped = yield* admin.publish(index);
  const requeued = yield* (yield* EventLog).recordEveryQuestion;
  return { index, copied, dropped, requeued };
});
