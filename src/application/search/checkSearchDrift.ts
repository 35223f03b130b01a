import { Effect, Stream } from "effect";
import type { SortKey } from "../../domain/question/ordering.js";
import { EventLog } from "../ports/EventLog.js";
import { type DocumentVersion, SearchAdmin } from "../ports/SearchAdmin.js";
import { indexablePage } from "./indexable.js";
import { SEARCH_ENGINE_CONSUMER } from "./syncSearchIndex.js";

export interface DriftReport {
  /** Listed questions in the database. */
  readonly listed: number;
  /** Documents in the index. */
  readonly indexed: number;
  /** Events the sync has not delivered yet: changes on their way, which may account for some drift. */
  readonly pending: number;
  /** Listed questions whose document is absent. */
  readonly missing: readonly string[];
  /** Documents that differ from what the database says they should hold. */
  readonly mismatched: readonly string[];
  /** Documents of questions the database does not list (hidden, deleted, or unknown). */
  readonly unexpected: readonly string[];
  readonly drift: boolean;
  /** The engine's version of each drifted document, which a repair must still find there to overwrite it. */
  readonly versions: ReadonlyMap<string, DocumentVersion>;
}

/**
 * Compares every listed question with its document, page by page: the document must be there and hold
 * exactly what the database implies; then every document id in the index is matched against the listed ones.
 */
export const checkSearchDrift = Effect.fn("checkSearchDrift")(function* (pageSize = 500) {
  const admin = yield* SearchAdmin;
  yield* admin.refresh;
  const listedIds = new Set<string>();
  const missing: string[] = [];
  const mismatched: string[] = [];
  const unexpected: string[] = [];
  const versions = new Map<string, DocumentVersion>();
  let after: SortKey | undefined;
  do {
    const page = yield* indexablePage(after, pageSize);
    for (const c of yield* admin.compare(page.docs)) {
      listedIds.add(c.id);
      if (c.stored === "missing") missing.push(c.id);
      else if (c.stored === "different") {
        mismatched.push(c.id);
        versions.set(c.id, c.version);
      }
    }
    after = page.next;
  } while (after);
  let indexed = 0;
  yield* Stream.runForEach(admin.documents, (page) =>
    Effect.sync(() => {
      indexed += page.length;
      for (const d of page)
        if (!listedIds.has(d.id)) {
          unexpected.push(d.id);
          versions.set(d.id, d.version);
        }
    }),
  );
  const pending = yield* (yield* EventLog).backlog(SEARCH_ENGINE_CONSUMER);
  const report: DriftReport = {
    listed: listedIds.size,
    indexed,
    pending,
    missing,
    mismatched,
    unexpected,
    drift: listedIds.size !== indexed || missing.length + mismatched.length + unexpected.length > 0,
    versions,
  };
  return report;
});
