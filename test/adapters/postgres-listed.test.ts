import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LISTED } from "../../src/adapters/postgres/listed.js";

const migrations = join(import.meta.dirname, "../../src/adapters/postgres/migrations");

describe("the listed predicate", () => {
  it("is the predicate of every partial index on questions, so listing queries can use them", () => {
    const sql = readdirSync(migrations)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => readFileSync(join(migrations, f), "utf8"))
      .join("\n");
    const partial = [...sql.matchAll(/CREATE INDEX (idx_questions_\w+) ON questions [^;]*? WHERE ([^;]+);/g)];
    expect(partial.length).toBeGreaterThanOrEqual(6);
    // The status index serves filters by status, which never ask for hidden ones.
    const others: Record<string, string> = { idx_questions_status_created: "deleted_at IS NULL" };
    for (const [, name, predicate] of partial)
      expect({ name, predicate: predicate?.trim() }).toEqual({ name, predicate: others[name ?? ""] ?? LISTED });
  });
});
