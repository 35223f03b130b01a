import { err, ok, type Result } from "neverthrow";
import { charLength } from "../shared/text.js";
import { PASSWORD_LENGTH, type WeakPassword } from "./user.js";

/** A password anyone would try first: on a common-password list, or the account's own email or nickname. */
export type CommonPassword = { readonly _tag: "CommonPassword" };

/** How a password is looked up in a lower-case list: NFKC (full-width digits are digits), lower case, no spaces. */
export const passwordLookupForm = (password: string) => password.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");

/**
 * NIST SP 800-63B / ASVS 2.1: a length range and a check against known passwords, no composition rules.
 * `isCommon` answers for the lookup form.
 */
export const checkNewPassword = (
  password: string,
  isCommon: (lookupForm: string) => boolean,
  account: { readonly email: string; readonly nickname: string },
): Result<string, WeakPassword | CommonPassword> => {
  const length = charLength(password);
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) return err({ _tag: "WeakPassword", min: PASSWORD_LENGTH.min });
  const form = passwordLookupForm(password);
  const email = passwordLookupForm(account.email);
  const personal = [email, email.split("@")[0] ?? "", passwordLookupForm(account.nickname)].filter((s) => s.length > 0);
  if (isCommon(form) || personal.includes(form)) return err({ _tag: "CommonPassword" });
  return ok(password);
};
