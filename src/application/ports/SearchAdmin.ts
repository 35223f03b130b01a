import { Context, type Effect, type Stream } from "effect";
import type { IndexedQuestion, SearchUnavailable } from "./SearchDocuments.js";

/**
 * The version of a document as the engine holds it, opaque to the application: a conditional write
 * carries it back, and lands only if the document is still at that version.
 */
export type DocumentVersion = string & { readonly DocumentVersion: unique symbol };

/** The outcome of `ensureIndex`: whether the alias had to get a new index, and that index's name. */
export type EnsuredIndex = { readonly created: true; readonly index: string } | { readonly created: false };

/** How a document compares with what the database implies it should hold. */
export type StoredComparison =
  | { readonly id: string; readonly stored: "same" }
  | { readonly id: string; readonly stored: "missing" }
  | { readonly id: string; readonly stored: "different"; readonly version: DocumentVersion };

/**
 * A write decided on one version of a document: `create` when the engine had none, `index`/`delete`
 * only if the document is still at `expected` (otherwise someone wrote meanwhile: it is skipped).
 */
export type ConditionalWrite =
  | { readonly op: "create"; readonly doc: IndexedQuestion }
  | { readonly op: "index"; readonly doc: IndexedQuestion; readonly expected: DocumentVersion }
  | { readonly op: "delete"; readonly id: string; readonly expected: DocumentVersion };

/**
 * Managing the search engine's index behind its alias, which searches and writes go through: creating
 * it, rebuilding it into a new versioned index, and comparing and repairing its documents. Fails with
 * SearchUnavailable when the engine cannot be reached (or there is none).
 */
export class SearchAdmin extends Context.Service<
  SearchAdmin,
  {
    /**
     * Creates a versioned index behind the alias when the alias has none (first start, or an engine
     * that came back empty); a plain index squatting the alias's name goes, as the database refills all.
     */
    readonly ensureIndex: Effect.Effect<EnsuredIndex, SearchUnavailable>;
    /** The indices the alias points to now. */
    readonly aliasTargets: Effect.Effect<readonly string[], SearchUnavailable>;
    /** A new, empty versioned index that the alias does not point to yet. */
    readonly createIndex: Effect.Effect<string, SearchUnavailable>;
    /** Writes documents straight into `index` (a rebuild in progress), not through the alias. */
    readonly fill: (index: string, docs: readonly IndexedQuestion[]) => Effect.Effect<void, SearchUnavailable>;
    /** Points the alias at `index` in one atomic step, then drops the indices it pointed to before (returned). */
    readonly publish: (index: string) => Effect.Effect<readonly string[], SearchUnavailable>;
    /** Makes every write so far visible to `compare` and `documents`. */
    readonly refresh: Effect.Effect<void, SearchUnavailable>;
    /** Each question's document against the stored one, in full (a hand edit in the engine shows too). */
    readonly compare: (docs: readonly IndexedQuestion[]) => Effect.Effect<readonly StoredComparison[], SearchUnavailable>;
    /** Every document id behind the alias with its version, a page at a time, as of one point in time. */
    readonly documents: Stream.Stream<readonly { readonly id: string; readonly version: DocumentVersion }[], SearchUnavailable>;
    /** Applies the writes through the alias; the ids whose document changed since their version come back as skipped. */
    readonly writeConditionally: (
      writes: readonly ConditionalWrite[],
    ) => Effect.Effect<{ readonly written: readonly string[]; readonly skipped: readonly string[] }, SearchUnavailable>;
  }
>()("dongne/SearchAdmin") {}
