import { Layer, ManagedRuntime } from "effect";
import { inMemoryPersistence } from "../../src/adapters/in-memory/index.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { persistenceContracts } from "../contract/index.js";
import { passwordHasherContract } from "../contract/PasswordHasher.contract.js";
import { searchOutboxContract } from "../contract/SearchOutbox.contract.js";
import { TestPasswordHasher } from "../support/testLayer.js";

const inMemoryHarness = async () => {
  const rt = ManagedRuntime.make(Layer.fresh(inMemoryPersistence(loadJejuRegions())));
  return { run: rt.runPromise, exit: rt.runPromiseExit, dispose: () => rt.dispose() } as const;
};
persistenceContracts("in-memory", inMemoryHarness);
searchOutboxContract("in-memory", inMemoryHarness);

passwordHasherContract("test hasher (tests only)", TestPasswordHasher);
