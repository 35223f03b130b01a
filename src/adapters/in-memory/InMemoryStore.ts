import { Context, Layer } from "effect";

/**
 * One table of the in-memory adapters, declared by the twin that owns it: its empty value and how to
 * copy it. Rows are immutable values replaced on write, so a shallow copy is a full snapshot of a table.
 */
export interface Table<A> {
  readonly empty: () => A;
  readonly copy: (value: A) => A;
}

export const table = <A>(empty: () => A, copy: (value: A) => A): Table<A> => ({ empty, copy });

/** The usual table: rows by key. */
export const mapTable = <K, V>(): Table<Map<K, V>> =>
  table(
    () => new Map<K, V>(),
    (rows) => new Map(rows),
  );

/** Every table in use, as it was (keyed by its declaration). */
export type Snapshot = ReadonlyMap<object, unknown>;

export interface Tables {
  /** A table's current value, created empty the first time any twin uses it. */
  readonly get: <A>(t: Table<A>) => A;
  readonly snapshot: () => Snapshot;
  /** Back to a snapshot: a table first used after it was taken is empty again. */
  readonly restore: (snapshot: Snapshot) => void;
}

const makeTables = (): Tables => {
  let current = new Map<object, unknown>();
  return {
    get: <A>(t: Table<A>): A => {
      if (!current.has(t)) current.set(t, t.empty());
      return current.get(t) as A;
    },
    snapshot: () => new Map([...current].map(([t, value]) => [t, (t as Table<unknown>).copy(value)])),
    restore: (snapshot) => {
      current = new Map(snapshot);
    },
  };
};

/** The tables one set of in-memory adapters shares; the unit of work snapshots and restores all of them. */
export class InMemoryStore extends Context.Service<InMemoryStore, Tables>()("dongne/adapters/InMemoryStore") {
  static readonly layer = Layer.sync(InMemoryStore, makeTables);
}
