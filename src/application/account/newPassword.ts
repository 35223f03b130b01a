import { Effect } from "effect";
import { checkNewPassword } from "../../domain/user/password.js";
import { fromDomain } from "../fromDomain.js";
import { CommonPasswords } from "../ports/CommonPasswords.js";

/** A new password (registration, a change) passes the length rule and is not a common one. */
export const acceptNewPassword = Effect.fn("acceptNewPassword")(function* (
  password: string,
  account: { readonly email: string; readonly nickname: string },
) {
  const list = yield* CommonPasswords;
  return yield* fromDomain(checkNewPassword(password, list.has, account));
});
