import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const depcruise = join(root, "node_modules/.bin/depcruise");

/** Runs the same dependency-cruiser rules the project is held to; returns the exit code and report. */
const cruise = (cwd: string) => {
  try {
    const out = execFileSync(depcruise, ["src", "--config", ".dependency-cruiser.cjs", "--output-type", "err"], {
      cwd,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
};

const fixture = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), "dongne-layers-"));
  copyFileSync(join(root, ".dependency-cruiser.cjs"), join(dir, ".dependency-cruiser.cjs"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

describe("layer rules (dependency-cruiser)", () => {
  it("hold for the project's own source", () => {
    const result = cruise(root);
    expect(result.out).toContain("no dependency violations");
    expect(result.code).toBe(0);
  });

  it("fail when a domain file imports an adapter", () => {
    const dir = fixture({
      "src/adapters/postgres/PgQuestionRepository.ts": "export const table = 'questions';\n",
      "src/domain/question/question.ts":
        "import { table } from '../../adapters/postgres/PgQuestionRepository.js';\nexport const t = table;\n",
    });
    try {
      const result = cruise(dir);
      expect(result.code).not.toBe(0);
      expect(result.out).toContain("domain-is-pure");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fail when the domain reaches for I/O or the application for an adapter", () => {
    const dir = fixture({
      "src/domain/clock.ts": "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      "src/adapters/in-memory/Store.ts": "export const store = {};\n",
      "src/application/ask.ts": "import { store } from '../adapters/in-memory/Store.js';\nexport const s = store;\n",
    });
    try {
      const result = cruise(dir);
      expect(result.code).not.toBe(0);
      expect(result.out).toContain("domain-no-packages");
      expect(result.out).toContain("application-inward");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fail when a transport imports an adapter, while the composition root may", () => {
    const dir = fixture({
      "src/adapters/region-data/regions.ts": "export const attribution = 'SGIS';\n",
      "src/app/trpc/routers/region.ts":
        "import { attribution } from '../../../adapters/region-data/regions.js';\nexport const a = attribution;\n",
      "src/app/http/server.ts": "import { attribution } from '../../adapters/region-data/regions.js';\nexport const a = attribution;\n",
      "src/app/layers.ts": "import { attribution } from '../adapters/region-data/regions.js';\nexport const a = attribution;\n",
    });
    try {
      const result = cruise(dir);
      expect(result.code).not.toBe(0);
      const violations = result.out.split("\n").filter((line) => line.includes("transports-not-adapters"));
      expect(violations.join("\n")).toContain("src/app/trpc/routers/region.ts");
      expect(violations.join("\n")).toContain("src/app/http/server.ts");
      expect(result.out).not.toContain("src/app/layers.ts →");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fail when the OpenSearch driver is imported outside the search-engine adapter", () => {
    const driver = "node_modules/@opensearch-project/opensearch";
    const dir = fixture({
      [`${driver}/package.json`]: JSON.stringify({ name: "@opensearch-project/opensearch", version: "3.0.0", main: "index.js" }),
      [`${driver}/index.js`]: "exports.Client = class Client {};\n",
      "src/adapters/search-engine/OsClient.ts": "import { Client } from '@opensearch-project/opensearch';\nexport const c = Client;\n",
      "src/app/workers/indexer.ts": "import { Client } from '@opensearch-project/opensearch';\nexport const c = Client;\n",
    });
    try {
      const result = cruise(dir);
      expect(result.code).not.toBe(0);
      const violations = result.out.split("\n").filter((line) => line.includes("opensearch-only-in-search-engine-adapter"));
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain("src/app/workers/indexer.ts");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
