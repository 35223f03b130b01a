import { z } from "zod";
import { CONSENT_KINDS } from "../../../domain/privacy/consent.js";
import { id } from "./fields.js";

/** Checked again by the domain against the current year (a year in the future is INVALID_BIRTH_YEAR). */
export const birthYear = z.number().int().min(1900).max(2100);

/** What the registration form showed and the person ticked; omitted, the required terms count as accepted. */
export const registrationConsents = z.strictObject({
  terms: z.boolean(),
  privacy: z.boolean(),
  location: z.boolean().optional(),
  marketing: z.boolean().optional(),
  guardian: z.boolean().optional(),
});

/** Inputs of the privacy operations (tRPC `user.*` and `admin.*`). */
export const privacyInputs = {
  setConsent: z.strictObject({ kind: z.enum(CONSENT_KINDS), granted: z.boolean() }),
  locationLog: z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }).optional(),
  // Taken exactly as typed, like every password.
  deleteAccount: z.strictObject({ password: z.string().max(256) }),
};

export const adminInputs = {
  userData: z.strictObject({ userId: id }),
};
