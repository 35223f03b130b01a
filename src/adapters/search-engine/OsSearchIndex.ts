import { Effect, Layer } from "effect";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { type Facet, SearchIndex, type SearchPage, type SearchRequest, similarSearch } from "../../application/ports/SearchIndex.js";
import { isListed, type Question } from "../../domain/question/question.js";
import { facetsOf, typoMatches } from "../../domain/search/results.js";
import { distanceKm } from "../../domain/shared/geo.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { OsClient } from "./OsClient.js";
import { searchBody, typoCandidatesBody } from "./questionQuery.js";

type Bucket = { key: string; doc_count: number };
const TYPO_CANDIDATES = 500;
const SUGGEST_SLACK = 5;

/** Region codes nest by prefix (KR-49-01-58 lies in KR-49-01), as the PostgreSQL path filters them. */
const isWithinCode = (code: string, ancestor: string) => code === ancestor || code.startsWith(`${ancestor}-`);

/** A failed engine call is a defect here; the fallback layer turns it into a PostgreSQL answer. */
export class SearchEngineDown extends Error {}

export const OsSearchIndex = Layer.effect(
  SearchIndex,
  Effect.gen(function* () {
    const { client, alias } = yield* OsClient;
    const questions = yield* QuestionRepository;
    // An interrupted call (over its time budget) aborts its HTTP request rather than leaving it to the client's timeout.
    const call = <T>(f: () => Promise<T> & { abort?: () => void }) =>
      Effect.tryPromise({
        try: (signal) => {
          const request = f();
          // Deferred: aborting from inside the interruption surfaces the client's RequestAbortedError as uncaught.
          signal.addEventListener("abort", () => setImmediate(() => request.abort?.()), { once: true });
          return request;
        },
        catch: (e) => new SearchEngineDown(e instanceof Error ? e.message : String(e)),
      }).pipe(Effect.orDie);

    /** The engine may lag: every hit is re-read from the system of record, and only listed questions are shown. */
    const fresh = (ids: readonly string[]) =>
      Effect.map(questions.findByIds(ids.map(QuestionId)), (found) => {
        // In the engine's order, which the database's answer does not keep.
        const byId = new Map(found.map((q) => [q.id as string, q]));
        return ids.flatMap((id) => {
          const q = byId.get(id);
          return q && isListed(q) ? [q] : [];
        });
      });
    const withDistance = (q: Question, r: SearchRequest, score: number) => ({
      question: q,
      score,
      distanceKm: r.near && q.location ? distanceKm(r.near.center, q.location) : null,
    });
    const facets = (aggs: Record<string, { buckets: Bucket[] }> | undefined) => {
      const pick = (name: string): Facet[] => (aggs?.[name]?.buckets ?? []).map((b) => ({ key: String(b.key), count: b.doc_count }));
      return { categories: pick("categories"), regions: pick("regions"), hashtags: pick("hashtags") };
    };

    const exact = (r: SearchRequest, withFacets = true) =>
      Effect.gen(function* () {
        const res = yield* call(() => client.search({ index: alias, body: searchBody(r, withFacets) as never }));
        const hits = res.body.hits.hits;
        const scores = new Map(hits.map((h) => [String(h._id), Number(h._score ?? 0)]));
        const live = yield* fresh(hits.map((h) => String(h._id)));
        const total = typeof res.body.hits.total === "number" ? res.body.hits.total : (res.body.hits.total?.value ?? live.length);
        return {
          hits: live.map((q) => withDistance(q, r, scores.get(q.id) ?? 0)),
          total: total - (hits.length - live.length),
          facets: facets(res.body.aggregations as never),
        } satisfies SearchPage;
      });

    const tolerant = (r: SearchRequest) =>
      Effect.gen(function* () {
        if (r.query.kind !== "terms")
          return { hits: [], total: 0, facets: { categories: [], regions: [], hashtags: [] } } satisfies SearchPage;
        const jamo = r.query.jamo;
        const res = yield* call(() => client.search({ index: alias, body: typoCandidatesBody(r, jamo, TYPO_CANDIDATES) as never }));
        const live = yield* fresh(res.body.hits.hits.map((h) => String(h._id)));
        const matched = typoMatches(live, jamo);
        return {
          hits: matched.slice(r.offset, r.offset + r.limit).map((x) => withDistance(x.question, r, x.score)),
          total: matched.length,
          facets: facetsOf(matched.map((x) => x.question)),
        } satisfies SearchPage;
      });

    return {
      search: (r) => (r.allowTypos ? tolerant(r) : exact(r)),
      similar: (r) => Effect.map(exact(similarSearch(r), false), (page) => ({ questions: page.hits.map((h) => h.question) })),
      suggest: (prefix, size, regionCode) =>
        Effect.gen(function* () {
          // A few more than asked for, as the re-check may drop some.
          const asked = size + SUGGEST_SLACK;
          const res = yield* call(() =>
            client.search({
              index: alias,
              body: {
                _source: false,
                suggest: {
                  // Every region path ends in KR: the whole country when no region narrows it.
                  titles: {
                    prefix,
                    completion: { field: "suggest", size: asked, skip_duplicates: true, contexts: { region: [regionCode ?? "KR"] } },
                  },
                  ...(regionCode === undefined
                    ? {
                        choseong: {
                          prefix: prefix.replace(/\s+/gu, ""),
                          completion: { field: "suggest_choseong", size: asked, skip_duplicates: true },
                        },
                      }
                    : {}),
                },
              } as never,
            }),
          );
          const suggest = res.body.suggest as Record<string, { options: { _id?: string }[] }[]>;
          const ids = [...(suggest.titles?.[0]?.options ?? []), ...(suggest.choseong?.[0]?.options ?? [])].flatMap((o) =>
            o._id ? [o._id] : [],
          );
          // Like search hits, suggestions are re-read from the system of record: a stale index never suggests hidden titles.
          const live = (yield* fresh([...new Set(ids)])).filter((q) => regionCode === undefined || isWithinCode(q.regionCode, regionCode));
          return { titles: [...new Set(live.map((q) => q.title))].slice(0, size) };
        }),
      categoryCountsSince: (since) =>
        Effect.map(
          call(() =>
            client.search({
              index: alias,
              body: {
                size: 0,
                query: { range: { created_at: { gte: since.toISOString() } } },
                aggs: { c: { terms: { field: "category", size: 20 } } },
              } as never,
            }),
          ),
          (res) => ({
            counts: ((res.body.aggregations as Record<string, { buckets: Bucket[] }> | undefined)?.c?.buckets ?? []).map((b) => ({
              key: String(b.key),
              count: b.doc_count,
            })),
          }),
        ),
    };
  }),
);
