import { createHash } from "node:crypto";
import type { IndexedQuestion } from "../../application/ports/SearchDocuments.js";
import { URGENCY_RANK } from "../../domain/question/ordering.js";
import { engagement, popularityRank } from "../../domain/question/popularity.js";
import { searchDocument } from "../../domain/search/document.js";

/** The engine's document for a question; the checksum covers what search shows and filters on. */
export const engineDocument = (x: IndexedQuestion) => {
  const q = x.question;
  const derived = searchDocument(q, x.authorNickname);
  const body = {
    id: q.id,
    title: q.title,
    content: q.content,
    hashtags: q.hashtags,
    region_code: q.regionCode,
    region_path: x.regionPath,
    category: q.category,
    urgency: q.urgency,
    urgency_rank: URGENCY_RANK[q.urgency],
    status: q.status,
    ...(q.location ? { location: { lat: q.location.lat, lon: q.location.lng } } : {}),
    user: { id: q.authorId, nickname: x.authorNickname, is_local_verified: x.authorIsLocal, verification_level: x.authorVerificationLevel },
    stats: { view_count: q.viewCount, like_count: q.likeCount, answer_count: q.answerCount },
    created_at: q.createdAt.toISOString(),
    updated_at: q.updatedAt.toISOString(),
    popularity_score: engagement(q),
    popularity_rank: popularityRank(q),
    title_choseong: derived.titleChoseong,
    title_jamo: derived.titleJamo,
  };
  const checksum = createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 22);
  const weight = Math.max(0, Math.min(2_000_000_000, Math.round(Math.max(0, body.popularity_rank) * 10)));
  return {
    ...body,
    checksum,
    suggest: { input: [q.title], weight, contexts: { region: x.regionPath } },
    suggest_choseong: { input: [derived.titleChoseong], weight },
  };
};
export type EngineDocument = ReturnType<typeof engineDocument>;

/** Key order does not matter, values do: two documents with the same digest hold the same data. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;

/**
 * A digest of everything a stored document holds, computed from what the engine returns, so a document
 * changed by hand in the engine (its checksum field untouched) no longer matches the database's.
 */
export const documentDigest = (doc: object) =>
  createHash("sha256")
    .update(JSON.stringify(canonical(doc)))
    .digest("base64url");
