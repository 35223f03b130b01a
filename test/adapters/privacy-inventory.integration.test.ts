import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";

interface Entry {
  readonly personal: boolean;
  readonly columns?: Readonly<Record<string, string>>;
  readonly purpose?: string;
  readonly retention?: string;
  readonly readers?: string;
  readonly why?: string;
}
const inventory = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../docs/privacy-inventory.json"), "utf8")) as {
  tables: Record<string, Entry>;
};

/** docs/privacy-inventory.json against the migrated schema: a new table or a new column of a personal table needs its entry. */
describe("the personal-data inventory", () => {
  let db: TestDatabase;
  let columns: Map<string, string[]>;
  beforeAll(async () => {
    db = await machineDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    await client.end();
    columns = new Map();
    for (const r of rows) columns.set(r.table_name, [...(columns.get(r.table_name) ?? []), r.column_name]);
  }, 60_000);
  afterAll(() => db?.drop());

  it("names every table, and says why a table without personal data has none", () => {
    expect(
      [...columns.keys()].filter((t) => !inventory.tables[t]),
      "tables missing from docs/privacy-inventory.json",
    ).toEqual([]);
    expect(
      Object.keys(inventory.tables).filter((t) => !columns.has(t)),
      "entries for tables that no longer exist",
    ).toEqual([]);
    expect(
      Object.entries(inventory.tables)
        .filter(([, e]) => !e.personal && !e.why)
        .map(([t]) => t),
      "tables without personal data that do not say why",
    ).toEqual([]);
  });

  it("lists every column of a table holding personal data, with its purpose, retention and readers", () => {
    for (const [t, e] of Object.entries(inventory.tables)) {
      if (!e.personal) continue;
      expect([e.purpose, e.retention, e.readers].every(Boolean), `${t}: purpose, retention and readers`).toBe(true);
      const documented = Object.keys(e.columns ?? {});
      expect(
        (columns.get(t) ?? []).filter((c) => !documented.includes(c)),
        `${t}: columns without an entry in docs/privacy-inventory.json`,
      ).toEqual([]);
      expect(
        documented.filter((c) => !(columns.get(t) ?? []).includes(c)),
        `${t}: entries for columns that no longer exist`,
      ).toEqual([]);
    }
  });
});
