import { Effect, Layer, Stream } from "effect";
import { type DocumentVersion, SearchAdmin } from "../../application/ports/SearchAdmin.js";
import { type IndexedQuestion, SearchDocuments } from "../../application/ports/SearchDocuments.js";

interface Stored {
  readonly doc: IndexedQuestion;
  readonly version: DocumentVersion;
}

/** Key order does not matter, values do (dates as the engine would store them). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * A stand-in for the engine: versioned indices, an alias over one of them, and the documents written
 * through it (SearchDocuments) and administered (SearchAdmin). `put` writes behind everyone's back, as a
 * hand edit in the engine would.
 */
export const makeInMemorySearchEngine = (alias = "questions") => {
  const indices = new Map<string, Map<string, Stored>>();
  let target: string | undefined;
  let writes = 0;
  let created = 0;
  const nextVersion = () => String(++writes) as DocumentVersion;
  const aliased = () => (target === undefined ? undefined : indices.get(target));
  const unavailable = (reason: string) => ({ _tag: "SearchUnavailable" as const, reason });
  const through = <A>(f: (docs: Map<string, Stored>) => A) =>
    Effect.suspend(() => {
      const docs = aliased();
      return docs ? Effect.succeed(f(docs)) : Effect.fail(unavailable(`no index behind alias ${alias}`));
    });
  const newIndex = () => {
    const name = `${alias}-${++created}`;
    indices.set(name, new Map());
    return name;
  };
  const put = (docs: Map<string, Stored>, doc: IndexedQuestion) => docs.set(doc.question.id, { doc, version: nextVersion() });

  const documents = Layer.succeed(SearchDocuments, {
    upsert: (batch) =>
      through((docs) => {
        for (const d of batch) put(docs, d);
      }),
    remove: (ids) =>
      through((docs) => {
        for (const id of ids) docs.delete(id);
      }),
  });

  const admin = Layer.succeed(SearchAdmin, {
    ensureIndex: Effect.sync(() => {
      if (target !== undefined) return { created: false as const };
      target = newIndex();
      return { created: true as const, index: target };
    }),
    aliasTargets: Effect.sync(() => (target === undefined ? [] : [target])),
    createIndex: Effect.sync(newIndex),
    fill: (index, batch) =>
      Effect.suspend(() => {
        const docs = indices.get(index);
        if (!docs) return Effect.fail(unavailable(`no index ${index}`));
        for (const d of batch) put(docs, d);
        return Effect.void;
      }),
    publish: (index) =>
      Effect.sync(() => {
        const previous = target === undefined || target === index ? [] : [target];
        target = index;
        for (const old of previous) indices.delete(old);
        return previous;
      }),
    refresh: through(() => undefined),
    compare: (batch) =>
      through((docs) =>
        batch.map((d) => {
          const id = d.question.id as string;
          const s = docs.get(id);
          if (!s) return { id, stored: "missing" as const };
          return canonical(s.doc) === canonical(d)
            ? { id, stored: "same" as const }
            : { id, stored: "different" as const, version: s.version };
        }),
      ),
    documents: Stream.unwrap(through((docs) => Stream.make([...docs].map(([id, s]) => ({ id, version: s.version }))))),
    writeConditionally: (batch) =>
      through((docs) => {
        const written: string[] = [];
        const skipped: string[] = [];
        for (const w of batch) {
          const id = w.op === "delete" ? w.id : (w.doc.question.id as string);
          const s = docs.get(id);
          // As the engine's conditional writes: `create` finds nothing there, the others the version they expect.
          if (w.op === "create" ? s !== undefined : s?.version !== w.expected) skipped.push(id);
          else {
            if (w.op === "delete") docs.delete(id);
            else put(docs, w.doc);
            written.push(id);
          }
        }
        return { written, skipped };
      }),
  });

  return {
    layer: Layer.merge(documents, admin),
    /** The documents behind the alias now. */
    aliased,
    /** Writes a document behind the alias without any port, as a hand edit in the engine would. */
    put: (doc: IndexedQuestion) => {
      const docs = aliased();
      if (docs) put(docs, doc);
    },
  };
};
