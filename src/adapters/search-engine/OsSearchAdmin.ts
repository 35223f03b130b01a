import { Effect, Layer, Stream } from "effect";
import { type DocumentVersion, SearchAdmin } from "../../application/ports/SearchAdmin.js";
import type { SearchUnavailable } from "../../application/ports/SearchDocuments.js";
import type { Region } from "../../domain/region/region.js";
import {
  aliasTargets,
  bulkInto,
  createVersionedIndex,
  type EngineVersion,
  type EngineWrite,
  engineDocuments,
  engineIds,
  ensureIndex,
  swapAlias,
  writeConditionally,
} from "./admin.js";
import { documentDigest, engineDocument } from "./document.js";
import { OsClient, OsClientLive, type SearchEngineConfig } from "./OsClient.js";

export interface SearchAdminOptions {
  /** Every region name goes into the index's user dictionary, so nori keeps it whole. */
  readonly regions: readonly Region[];
  readonly shards?: number;
  readonly replicas?: number;
}

const unavailable = (e: unknown): SearchUnavailable => ({ _tag: "SearchUnavailable", reason: e instanceof Error ? e.message : String(e) });

const call = <A>(f: () => Promise<A>) => Effect.tryPromise({ try: f, catch: unavailable });

// The engine's version is a sequence number within a primary term; the application only hands it back.
const toVersion = (v: EngineVersion) => `${v.seqNo}:${v.primaryTerm}` as DocumentVersion;
const fromVersion = (v: DocumentVersion): EngineVersion => {
  const [seqNo, primaryTerm] = v.split(":").map(Number);
  return { seqNo: seqNo ?? 0, primaryTerm: primaryTerm ?? 0 };
};

/** SearchAdmin on OpenSearch, through the client and alias in OsClient. */
export const OsSearchAdmin = (options: SearchAdminOptions) =>
  Layer.effect(
    SearchAdmin,
    Effect.gen(function* () {
      const { client, alias } = yield* OsClient;
      const indexOptions = { shards: options.shards, replicas: options.replicas };
      return {
        ensureIndex: call(() => ensureIndex(client, alias, options.regions, indexOptions)).pipe(
          Effect.map((index) => (index === undefined ? { created: false as const } : { created: true as const, index })),
        ),
        aliasTargets: call(() => aliasTargets(client, alias)),
        createIndex: call(() => createVersionedIndex(client, alias, options.regions, indexOptions)),
        fill: (index, docs) => call(() => bulkInto(client, index, docs.map(engineDocument))),
        publish: (index) =>
          call(async () => {
            await client.indices.refresh({ index });
            return swapAlias(client, alias, index);
          }),
        refresh: call(() => client.indices.refresh({ index: alias })).pipe(Effect.asVoid),
        compare: (docs) =>
          call(async () => {
            const expected = docs.map(engineDocument);
            const stored = await engineDocuments(
              client,
              alias,
              expected.map((d) => d.id),
            );
            return expected.map((d) => {
              const s = stored.get(d.id);
              if (s === undefined) return { id: d.id, stored: "missing" as const };
              // A digest of the stored source, not its checksum field: a hand edit in the engine shows too.
              if (documentDigest(s.source) === documentDigest(d)) return { id: d.id, stored: "same" as const };
              return { id: d.id, stored: "different" as const, version: toVersion(s) };
            });
          }),
        // A fresh scroll for each run of the stream.
        documents: Stream.fromAsyncIterable({ [Symbol.asyncIterator]: () => engineIds(client, alias) }, unavailable).pipe(
          Stream.map((page) => page.map((x) => ({ id: x.id, version: toVersion(x) }))),
        ),
        writeConditionally: (writes) =>
          call(() =>
            writeConditionally(
              client,
              alias,
              writes.map(
                (w): EngineWrite =>
                  w.op === "create"
                    ? { op: "create", doc: engineDocument(w.doc) }
                    : w.op === "index"
                      ? { op: "index", doc: engineDocument(w.doc), expected: fromVersion(w.expected) }
                      : { op: "delete", id: w.id, expected: fromVersion(w.expected) },
              ),
            ),
          ),
      };
    }),
  );

/** OsSearchAdmin with a client of its own on `config` (the engine's URL and the alias). */
export const OsSearchAdminLive = (config: SearchEngineConfig & SearchAdminOptions) =>
  OsSearchAdmin(config).pipe(Layer.provide(OsClientLive(config)));
