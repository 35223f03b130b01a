import { ManagedRuntime } from "effect";
import { makeInMemorySearchEngine } from "../../src/adapters/in-memory/InMemorySearchEngine.js";
import { searchAdminContract } from "../contract/SearchAdmin.contract.js";

searchAdminContract("in-memory", async () => {
  const engine = makeInMemorySearchEngine();
  const runtime = ManagedRuntime.make(engine.layer);
  return { run: runtime.runPromise, put: async (doc) => engine.put(doc), dispose: () => runtime.dispose() };
});
