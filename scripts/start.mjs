// `npm start`: build dist/ only when its sources changed since the last build, then run the server
// in this very process, so that the signals npm forwards (SIGTERM from a container runtime) reach it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
const stampFile = join(dist, ".sources.sha256");
/**
 * What the build reads: the sources (migrations and the web app's client included), the compiler's settings
 * and version, and what the web bundle is made from (its build script, the region boundaries it draws).
 */
const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json", "scripts/web", "assets/regions"];

const filesUnder = (path) => {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
};

/** A digest of every input's path and content: an added, changed or deleted file changes it. */
const sourcesDigest = () => {
  const hash = createHash("sha256");
  const files = inputs.flatMap((p) => filesUnder(join(root, p))).sort();
  for (const file of files)
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update("\0");
  return hash.digest("hex");
};

const digest = sourcesDigest();
const built =
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8").trim() === digest &&
  existsSync(join(dist, "app", "main.js")) &&
  existsSync(join(dist, "web", "manifest.json"));
if (!built) {
  console.error("dist/ is missing or older than its sources: building it (npm run build)");
  // From scratch, so that nothing compiled from a deleted source is left behind.
  rmSync(dist, { recursive: true, force: true });
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    console.error("Failed to start: the build failed");
    process.exit(build.status ?? 1);
  }
  writeFileSync(stampFile, `${digest}\n`);
}

await import(pathToFileURL(join(dist, "app", "main.js")).href);
