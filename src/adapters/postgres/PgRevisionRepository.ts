import { Effect, Layer } from "effect";
import { type Revision, RevisionRepository } from "../../application/ports/RevisionRepository.js";
import type { TargetType } from "../../domain/moderation/moderation.js";
import { UserId } from "../../domain/shared/ids.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface RevisionRow {
  target_type: TargetType;
  target_id: string;
  revision: number;
  editor_id: string;
  title: string | null;
  content: string;
  hashtags: string[];
  region_code: string | null;
  created_at: Date;
}

const toRevision = (r: RevisionRow): Revision => ({
  target: { type: r.target_type, id: r.target_id },
  revision: r.revision,
  editorId: UserId(r.editor_id),
  title: r.title,
  content: r.content,
  hashtags: r.hashtags,
  regionCode: r.region_code,
  createdAt: r.created_at,
});

const COLUMNS = "target_type, target_id, revision, editor_id, title, content, hashtags, region_code, created_at";

export const PgRevisionRepository = Layer.effect(
  RevisionRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      append: (r) =>
        Effect.asVoid(
          sql.rows(`INSERT INTO post_revisions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
            r.target.type,
            r.target.id,
            r.revision,
            r.editorId,
            r.title,
            r.content,
            r.hashtags,
            r.regionCode,
            r.createdAt,
          ]),
        ),
      list: (target) =>
        Effect.map(
          sql.readRows<RevisionRow>(`SELECT ${COLUMNS} FROM post_revisions WHERE target_type = $1 AND target_id = $2 ORDER BY revision`, [
            target.type,
            target.id,
          ]),
          (rows) => rows.map(toRevision),
        ),
      latest: (target) =>
        Effect.map(
          sql.rows<{ n: number | null }>("SELECT max(revision) AS n FROM post_revisions WHERE target_type = $1 AND target_id = $2", [
            target.type,
            target.id,
          ]),
          (rows) => rows[0]?.n ?? 0,
        ),
    };
  }),
);
