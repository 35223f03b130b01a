import { z } from "zod";
import { id, regionCode, userText } from "./fields.js";
import { birthYear, registrationConsents } from "./privacy.js";

const email = userText(320);
// Taken exactly as typed: a password is never normalised.
const password = z.string().max(256);

/** Inputs of signing up, in and out (tRPC `auth.*`). */
export const authInputs = {
  register: z.strictObject({
    email,
    password,
    nickname: userText(100),
    regionCode: regionCode.optional(),
    birthYear: birthYear.optional(),
    consents: registrationConsents.optional(),
  }),
  login: z.strictObject({ email, password }),
  changePassword: z.strictObject({ currentPassword: password, newPassword: password }),
  revokeSession: z.strictObject({ sessionId: id }),
};
