import { Effect, Layer } from "effect";
import { SearchDocuments, type SearchUnavailable } from "../../application/ports/SearchDocuments.js";
import { engineDocument } from "./document.js";
import { OsClient } from "./OsClient.js";

const unavailable = (e: unknown): SearchUnavailable => ({ _tag: "SearchUnavailable", reason: e instanceof Error ? e.message : String(e) });

export const OsSearchDocuments = Layer.effect(
  SearchDocuments,
  Effect.gen(function* () {
    const { client, alias } = yield* OsClient;
    const bulk = (body: unknown[]) =>
      // require_alias: with the index gone, a write fails (and the worker recreates the index) rather than
      // auto-creating a plain index with a guessed mapping under the alias's name.
      Effect.tryPromise({ try: () => client.bulk({ body: body as never, refresh: false, require_alias: true }), catch: unavailable }).pipe(
        Effect.flatMap((res) =>
          res.body.errors
            ? Effect.fail(unavailable(new Error(JSON.stringify(res.body.items.find((i) => Object.values(i)[0]?.error)).slice(0, 300))))
            : Effect.void,
        ),
      );
    return {
      upsert: (docs) => bulk(docs.flatMap((d) => [{ index: { _index: alias, _id: d.question.id } }, engineDocument(d)])),
      // Deleting what is not there is fine: the outcome is the same.
      remove: (ids) =>
        Effect.tryPromise({
          try: () => client.bulk({ body: ids.map((id) => ({ delete: { _index: alias, _id: id } })) as never }),
          catch: unavailable,
        }).pipe(Effect.asVoid),
    };
  }),
);
