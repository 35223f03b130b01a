import { z } from "zod";
import { id, lat, lng } from "./fields.js";
import { privacyInputs } from "./privacy.js";

/** Inputs of the account and profile operations (tRPC `user.*`). */
export const userInputs = {
  get: z.strictObject({ id }),
  verifyLocal: z.strictObject({ lat, lng }),
  ...privacyInputs,
};
