import { Effect, Layer } from "effect";
import { HashtagRepository } from "../../application/ports/HashtagRepository.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

export const PgHashtagRepository = Layer.effect(
  HashtagRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      recordUses: (tags, at) =>
        tags.length === 0
          ? Effect.void
          : Effect.gen(function* () {
              // One statement for the counter and the trending window.
              yield* sql.rows(
                `WITH h AS (INSERT INTO hashtags (name, usage_count, last_used_at) SELECT t, 1, $2 FROM unnest($1::text[]) AS t
                   ON CONFLICT (name) DO UPDATE SET usage_count = hashtags.usage_count + 1, last_used_at = GREATEST(hashtags.last_used_at, EXCLUDED.last_used_at))
                 INSERT INTO hashtag_uses (tag, used_at) SELECT t, $2 FROM unnest($1::text[]) AS t`,
                [tags, at],
              );
            }),
      usesSince: (since) =>
        Effect.map(
          sql.readRows<{ tag: string; used_at: Date }>("SELECT tag, used_at FROM hashtag_uses WHERE used_at >= $1 ORDER BY id", [since]),
          (rows) => rows.map((r) => ({ tag: r.tag, at: r.used_at })),
        ),
    };
  }),
);
