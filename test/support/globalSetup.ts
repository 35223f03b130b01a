import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

const script = resolve(import.meta.dirname, "../../scripts/search-engine.sh");
const objectStoreScript = resolve(import.meta.dirname, "../../scripts/object-store.sh");
let startedHere = false;

const answers = async (url: string) => {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
};

/**
 * Global setup of the `integration` and `e2e` projects (never `unit`): the search tests there need a
 * real engine. `.ci/run` starts one first; when none answers (a developer's `npm test`), start it
 * here — Maven Central and a JDK are all it needs — and stop it again afterwards. Projects set up
 * one after the other, so the second finds the engine the first started and leaves it alone.
 */
export default async function setup() {
  const stopObjectStore = startObjectStore();
  const url = process.env.SEARCH_ENGINE_URL ?? "http://127.0.0.1:9200";
  if (await answers(url)) return stopObjectStore;
  execFileSync(script, ["start"], { stdio: "inherit" });
  startedHere = true;
  return () => {
    if (startedHere) execFileSync(script, ["stop"], { stdio: "inherit" });
    stopObjectStore?.();
  };
}

/**
 * The S3 tests need S3Proxy (scripts/object-store.sh, on a free port it records): started here when it is
 * not running, as with the engine, and stopped again by whoever started it.
 */
function startObjectStore(): (() => void) | undefined {
  if (process.env.OBJECT_STORE_URL) return undefined;
  try {
    execFileSync(objectStoreScript, ["status"], { stdio: "ignore" });
    return undefined;
  } catch {
    execFileSync(objectStoreScript, ["start"], { stdio: "inherit" });
    return () => execFileSync(objectStoreScript, ["stop"], { stdio: "inherit" });
  }
}
