import { Effect } from "effect";
import { FOLLOW_NOTICE_GAP_MS, FOLLOW_SETTLE_MS, type Follow, followNotice, targetLabel } from "../../domain/notification/follow.js";
import { type RegionCatalog, selfAndDescendants } from "../../domain/region/region.js";
import { notify } from "../notification/notify.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { FollowRepository, type QuestionScope } from "../ports/FollowRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";

/** The job that batches followed regions' and hashtags' new questions into notices (every FOLLOW_SCAN_MINUTES). */
export const FOLLOW_JOB = "follow.notify";

export const scopeOf = (catalog: RegionCatalog, f: Pick<Follow, "kind" | "target">): QuestionScope =>
  f.kind === "region" ? { kind: "region", regionCodes: selfAndDescendants(catalog, f.target) } : { kind: "hashtag", hashtag: f.target };

/**
 * For every follow that may notify again (none in the last hour), counts the listed questions asked in its
 * scope since it was last checked — not the follower's own, not hidden or deleted — and sends one notice
 * "{N} new questions in {target}" when there are any. Questions are counted up to FOLLOW_SETTLE_MS ago, so one
 * whose transaction was still open is counted by the next run instead of being skipped. Each follow is one unit
 * of work (the notice and the follow's new marks commit together), so a retried job announces nothing twice.
 */
export const notifyFollowers = Effect.fn("notifyFollowers")(function* (batchSize = 200) {
  const now = yield* (yield* Clock).now;
  const until = new Date(now.getTime() - FOLLOW_SETTLE_MS);
  const notifiedBefore = new Date(now.getTime() - FOLLOW_NOTICE_GAP_MS);
  const catalog = yield* (yield* RegionRepository).catalog;
  const repo = yield* FollowRepository;
  const uow = yield* UnitOfWork;
  let after: string | null = null;
  let checked = 0;
  let notified = 0;
  for (;;) {
    const due: readonly Follow[] = yield* repo.due(notifiedBefore, after, batchSize);
    if (due.length === 0) break;
    for (const f of due) {
      checked++;
      if (f.checkedUntil.getTime() >= until.getTime()) continue;
      const sent = yield* uow.transact(
        Effect.gen(function* () {
          const news = yield* repo.newQuestions(scopeOf(catalog, f), f.checkedUntil, until, f.userId);
          if (news.count === 0 || news.latestId === null) {
            yield* repo.markChecked(f.id, until, null);
            return false;
          }
          const label = targetLabel(catalog, f.kind, f.target);
          yield* (yield* Events).record(yield* notify(followNotice(f.userId, f, label, news.count, news.latestId)));
          yield* repo.markChecked(f.id, until, now);
          return true;
        }),
      );
      if (sent) notified++;
    }
    after = due[due.length - 1]?.id ?? null;
  }
  return { checked, notified };
});
