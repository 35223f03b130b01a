import { Layer, ManagedRuntime } from "effect";
import { Argon2PasswordHasher } from "../adapters/crypto/Argon2PasswordHasher.js";
import { inMemoryPersistence } from "../adapters/in-memory/index.js";
import { loadJejuRegions } from "../adapters/region-data/jejuRegions.js";
import { RandomIds } from "../adapters/system/RandomIds.js";
import { SystemClock } from "../adapters/system/SystemClock.js";
import type { Config } from "./config.js";

/** The composition root: which adapter serves each port. */
export const appLayer = (_config: Config) =>
  Layer.mergeAll(inMemoryPersistence(loadJejuRegions()), SystemClock, RandomIds, Argon2PasswordHasher);

export type AppServices = Layer.Success<ReturnType<typeof appLayer>>;
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, never>;

export const makeRuntime = (config: Config): AppRuntime => ManagedRuntime.make(appLayer(config));
