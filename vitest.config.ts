// First: stop at once on a Node.js other than the project's own (see src/app/runtimeGuard.ts).
import "./src/app/runtimeGuard.js";
import { defineConfig } from "vitest/config";

/**
 * Three projects by what a test touches, told apart by the file name's suffix:
 * - unit: `*.test.ts` and `*.prop.test.ts` — domain, use cases and contracts on the in-memory adapters,
 *   the router through createCaller; no database, no engine, no network (a setup file refuses them);
 * - integration: `*.integration.test.ts` — adapters against real PostgreSQL and the real search engine;
 * - e2e: `*.e2e.test.ts` — the service as a child process over HTTP (one file with the engine).
 * `vitest run` runs all three; `--project <name>` one of them. Only the last two get the engine's setup.
 */
const infrastructure = ["test/**/*.integration.test.ts", "test/**/*.e2e.test.ts"];
const engine = "test/support/globalSetup.ts";

export default defineConfig({
  test: {
    // Two cores: keep the pool small so property and HTTP tests do not starve each other.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: infrastructure,
          setupFiles: ["test/support/noInfrastructure.ts"],
          // Each file builds its own in-memory app, so files can share a worker: no fresh process and
          // imports per file, which were half of the project's time.
          isolate: false,
        },
      },
      { extends: true, test: { name: "integration", include: ["test/**/*.integration.test.ts"], globalSetup: [engine] } },
      { extends: true, test: { name: "e2e", include: ["test/**/*.e2e.test.ts"], globalSetup: [engine] } },
    ],
  },
});
