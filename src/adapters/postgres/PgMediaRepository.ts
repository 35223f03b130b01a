import { Effect, Layer } from "effect";
import { MediaRepository } from "../../application/ports/MediaRepository.js";
import type { ImageType, MediaUpload, PostRef } from "../../domain/media/media.js";
import { UserId } from "../../domain/shared/ids.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface Row {
  key: string;
  owner_id: string;
  content_type: string;
  size: number;
  status: "pending" | "confirmed";
  width: number | null;
  height: number | null;
  attached_type: PostRef["kind"] | null;
  attached_id: string | null;
  created_at: Date;
  confirmed_at: Date | null;
}

const COLUMNS = "key, owner_id, content_type, size, status, width, height, attached_type, attached_id, created_at, confirmed_at";

const fromRow = (r: Row): MediaUpload => ({
  key: r.key,
  ownerId: UserId(r.owner_id),
  contentType: r.content_type as ImageType,
  size: r.size,
  status: r.status,
  width: r.width,
  height: r.height,
  attachedTo: r.attached_type && r.attached_id ? { kind: r.attached_type, id: r.attached_id } : null,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
});

export const PgMediaRepository = Layer.effect(
  MediaRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const many = (text: string, values: readonly unknown[]) => Effect.map(sql.primaryRows<Row>(text, values), (rows) => rows.map(fromRow));
    return {
      insert: (u) =>
        sql
          .rows(`INSERT INTO media_uploads (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
            u.key,
            u.ownerId,
            u.contentType,
            u.size,
            u.status,
            u.width,
            u.height,
            u.attachedTo?.kind ?? null,
            u.attachedTo?.id ?? null,
            u.createdAt,
            u.confirmedAt,
          ])
          .pipe(Effect.asVoid),
      // Ownership and state decide what a caller may do: always from the primary.
      find: (key) => Effect.map(many(`SELECT ${COLUMNS} FROM media_uploads WHERE key = $1`, [key]), (rows) => rows[0]),
      findMany: (keys) =>
        keys.length === 0 ? Effect.succeed([]) : many(`SELECT ${COLUMNS} FROM media_uploads WHERE key = ANY($1::text[])`, [keys]),
      countSince: (ownerId, since) =>
        Effect.map(
          sql.primaryRows<{ n: string }>("SELECT count(*) AS n FROM media_uploads WHERE owner_id = $1 AND created_at >= $2", [
            ownerId,
            since,
          ]),
          (rows) => Number(rows[0]?.n ?? 0),
        ),
      confirm: (key, dims, at) =>
        Effect.map(
          many(
            `WITH done AS (
               UPDATE media_uploads SET status = 'confirmed', width = $2, height = $3, confirmed_at = $4
               WHERE key = $1 AND status = 'pending' RETURNING ${COLUMNS})
             SELECT * FROM done UNION ALL SELECT ${COLUMNS} FROM media_uploads WHERE key = $1 AND NOT EXISTS (SELECT 1 FROM done)`,
            [key, dims.width, dims.height, at],
          ),
          (rows) => rows[0],
        ),
      attach: (keys, ownerId, to) =>
        keys.length === 0
          ? Effect.succeed([])
          : Effect.map(
              sql.rows<{ key: string }>(
                `UPDATE media_uploads SET attached_type = $3, attached_id = $4
                 WHERE key = ANY($1::text[]) AND owner_id = $2 AND status = 'confirmed'
                   AND (attached_id IS NULL OR (attached_type = $3 AND attached_id = $4))
                 RETURNING key`,
                [keys, ownerId, to.kind, to.id],
              ),
              (rows) => rows.map((r) => r.key),
            ),
      unattachedBefore: (before, limit) =>
        many(`SELECT ${COLUMNS} FROM media_uploads WHERE attached_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2`, [
          before,
          limit,
        ]),
      ofPost: (post) =>
        many(`SELECT ${COLUMNS} FROM media_uploads WHERE attached_type = $1 AND attached_id = $2 ORDER BY created_at`, [
          post.kind,
          post.id,
        ]),
      ofOwner: (ownerId) => many(`SELECT ${COLUMNS} FROM media_uploads WHERE owner_id = $1 ORDER BY created_at`, [ownerId]),
      remove: (keys) =>
        keys.length === 0 ? Effect.void : sql.rows("DELETE FROM media_uploads WHERE key = ANY($1::text[])", [keys]).pipe(Effect.asVoid),
    };
  }),
);
