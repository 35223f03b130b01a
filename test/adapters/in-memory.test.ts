import { Layer, ManagedRuntime } from "effect";
import { eventLogContract } from "../contract/EventLog.contract.js";
import { persistenceContracts } from "../contract/index.js";
import { passwordHasherContract } from "../contract/PasswordHasher.contract.js";
import { inMemoryApp, TestPasswordHasher } from "../support/testLayer.js";

const inMemoryHarness = async () => {
  const rt = ManagedRuntime.make(Layer.fresh(inMemoryApp()));
  return { run: rt.runPromise, exit: rt.runPromiseExit, dispose: () => rt.dispose() } as const;
};
persistenceContracts("in-memory", inMemoryHarness);
eventLogContract("in-memory", inMemoryHarness);

passwordHasherContract("test hasher (tests only)", TestPasswordHasher);
