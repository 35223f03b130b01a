import { Layer, ManagedRuntime } from "effect";
import { inMemoryPersistence } from "../../src/adapters/in-memory/index.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { persistenceContracts } from "../contract/index.js";
import { passwordHasherContract } from "../contract/PasswordHasher.contract.js";
import { TestPasswordHasher } from "../support/testLayer.js";

persistenceContracts("in-memory", async () => {
  const rt = ManagedRuntime.make(Layer.fresh(inMemoryPersistence(loadJejuRegions())));
  return { run: (e) => rt.runPromise(e), exit: (e) => rt.runPromiseExit(e), dispose: () => rt.dispose() };
});

passwordHasherContract("test hasher (tests only)", TestPasswordHasher);
