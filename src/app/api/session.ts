import { Cause, Exit } from "effect";
import { authenticate } from "../../application/account/authenticate.js";
import { DependencyUnavailable } from "../../application/errors.js";
import type { SessionRecord } from "../../application/ports/SessionStore.js";
import type { AppRuntime } from "../layers.js";
import { GENERIC } from "./errorCatalogue.js";
import { ApiFailure } from "./run.js";

/** The live session of a token, or null; a session store that is down is UNAVAILABLE (try again), not INTERNAL. */
export const resolveSession = async (runtime: AppRuntime, token: string): Promise<SessionRecord | null> => {
  const exit = await runtime.runPromiseExit(authenticate(token));
  if (Exit.isSuccess(exit)) return exit.value ?? null;
  const error = Cause.squash(exit.cause);
  if (error instanceof DependencyUnavailable) throw new ApiFailure(GENERIC.UNAVAILABLE);
  throw error;
};
