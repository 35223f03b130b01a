import { paramList } from "./sql.js";

/** Returns the placeholder (`$n`) of a parameter it has just collected. */
export type Placeholder = (value: unknown) => string;

/** A column written from a parameter and read back; `cast` types a placeholder PostgreSQL cannot type from its use. */
interface ParamColumn<T> {
  readonly value: (row: T) => unknown;
  readonly cast?: string;
  /** false: written for the database's own use (an index, a constraint), never read into a domain value. */
  readonly read?: false;
}
/** A column computed in SQL from other columns' placeholders (`ref("lat")`); written, never read back. */
interface ExpressionColumn {
  readonly expression: (ref: (column: string) => string) => string;
}
type Column<T> = ((row: T) => unknown) | ParamColumn<T> | ExpressionColumn;
type Columns<T> = Readonly<Record<string, Column<T>>>;

type ReadKeys<C> = { [K in keyof C]: C[K] extends ExpressionColumn | { readonly read: false } ? never : K }[keyof C];
type ReadValue<C> = C extends (row: never) => infer V ? V : C extends { readonly value: (row: never) => infer V } ? V : never;

export interface Table<T, C extends Columns<T>> {
  readonly name: string;
  readonly columns: C;
  /** The columns a row is read back with (for SELECT or RETURNING). */
  readonly select: string;
  /** The same, qualified by a table alias (`q.id, q.user_id, …`). */
  readonly selectAs: (alias: string) => string;
  /** `INSERT INTO name (every written column) VALUES (…)`, its parameters collected by `p`. */
  readonly insert: (row: T, p: Placeholder) => string;
  /** `a = $n, b = $m, …` for an UPDATE of the chosen columns, its parameters collected by `p`. */
  readonly set: (row: T, columns: readonly (keyof C & string)[], p: Placeholder) => string;
}

/** What pg returns for a table's read columns: the same JavaScript values that were written. */
export type RowOf<Tb> = Tb extends Table<infer _T, infer C> ? { [K in ReadKeys<C> & string]: ReadValue<C[K]> } : never;

const isExpression = <T>(c: Column<T>): c is ExpressionColumn => typeof c === "object" && "expression" in c;
const asParam = <T>(c: Exclude<Column<T>, ExpressionColumn>): ParamColumn<T> => (typeof c === "function" ? { value: c } : c);

/**
 * A table's columns, declared once as column → how the domain value gives its parameter; the select
 * list, the INSERT and the UPDATE SET are generated from it. `table<User>()("users", { … })`.
 */
export const table =
  <T>() =>
  <const C extends Columns<T>>(name: string, columns: C): Table<T, C> => {
    const entries = Object.entries(columns) as [keyof C & string, Column<T>][];
    const read = entries.filter(([, c]) => !isExpression(c) && asParam(c).read !== false).map(([column]) => column);

    /** Placeholders for one statement's row: each column's parameter is collected once, however often it is referred to. */
    const placeholders = (row: T, p: Placeholder) => {
      const seen = new Map<string, string>();
      const ref = (column: string): string => {
        const known = seen.get(column);
        if (known !== undefined) return known;
        const c = columns[column];
        if (c === undefined) throw new Error(`${name}.${column} is not declared`);
        if (isExpression(c)) return c.expression(ref);
        const { value, cast } = asParam(c);
        const placeholder = cast ? `${p(value(row))}::${cast}` : p(value(row));
        seen.set(column, placeholder);
        return placeholder;
      };
      return ref;
    };

    return {
      name,
      columns,
      select: read.join(", "),
      selectAs: (alias) => read.map((column) => `${alias}.${column}`).join(", "),
      insert: (row, p) => {
        const ref = placeholders(row, p);
        const values = entries.map(([column]) => ref(column));
        return `INSERT INTO ${name} (${entries.map(([column]) => column).join(", ")}) VALUES (${values.join(", ")})`;
      },
      set: (row, chosen, p) => {
        const ref = placeholders(row, p);
        return chosen.map((column) => `${column} = ${ref(column)}`).join(", ");
      },
    };
  };

/** A statement built with fresh placeholders, as the arguments of `sql.rows` or `sql.query`. */
export const statement = (build: (p: Placeholder) => string): readonly [string, readonly unknown[]] => {
  const { params, p } = paramList();
  const text = build(p);
  return [text, params];
};
