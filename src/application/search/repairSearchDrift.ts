import { Effect } from "effect";
import { isListed } from "../../domain/question/question.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { type ConditionalWrite, SearchAdmin } from "../ports/SearchAdmin.js";
import type { DriftReport } from "./checkSearchDrift.js";
import { toIndexed } from "./indexable.js";

const CHUNK = 500;

const chunks = <A>(items: readonly A[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Brings each drifted document in line with the database as it is now (re-read after the check): written
 * when the question is listed, deleted when not. Each write lands only if the document is still the version
 * the check saw, so a fresher write by the outbox sync meanwhile is never overwritten (reported as skipped).
 */
export const repairSearchDrift = Effect.fn("repairSearchDrift")(function* (report: DriftReport) {
  const questions = yield* QuestionRepository;
  const admin = yield* SearchAdmin;
  const writes: ConditionalWrite[] = [];
  for (const ids of chunks([...report.missing, ...report.mismatched, ...report.unexpected])) {
    const found = yield* questions.findByIds(ids.map(QuestionId));
    const current = new Map((yield* toIndexed(found.filter(isListed))).map((d) => [d.question.id as string, d]));
    for (const id of ids) {
      const doc = current.get(id);
      const expected = report.versions.get(id);
      if (doc && expected) writes.push({ op: "index", doc, expected });
      else if (doc) writes.push({ op: "create", doc });
      else if (expected) writes.push({ op: "delete", id, expected });
    }
  }
  const repaired: string[] = [];
  const skipped: string[] = [];
  for (const batch of chunks(writes)) {
    const r = yield* admin.writeConditionally(batch);
    repaired.push(...r.written);
    skipped.push(...r.skipped);
  }
  return { repaired, skipped };
});
