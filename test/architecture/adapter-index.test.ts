import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const adapters = join(root, "src/adapters");

/** The files an index.ts imports, relative to src/ ("adapters/postgres/PgUserRepository.js", "application/…"). */
const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^import[^"']*["']([^"']+)["']/gm)]
    .map((m) => m[1] ?? "")
    .filter((spec) => spec.startsWith("."))
    .map((spec) => relative(join(root, "src"), resolve(join(file, ".."), spec)));

describe("an adapter's index.ts", () => {
  const folders = readdirSync(adapters, { withFileTypes: true }).filter((d) => d.isDirectory());
  const indexed = folders.filter((d) => readdirSync(join(adapters, d.name)).includes("index.ts")).map((d) => d.name);

  it("exists for the stores", () => {
    expect(indexed).toEqual(expect.arrayContaining(["in-memory", "postgres"]));
  });

  // The composition root (src/app/layers/) picks the adapters of other technologies: events, the view counter.
  it.each(indexed)("of %s wires its own technology only", (name) => {
    const foreign = importsOf(join(adapters, name, "index.ts")).filter(
      (path) => !path.startsWith(`adapters/${name}/`) && !path.startsWith("application/") && !path.startsWith("domain/"),
    );
    expect(foreign).toEqual([]);
  });
});
