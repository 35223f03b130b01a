import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkNewPassword, passwordLookupForm } from "../../src/domain/user/password.js";

const LIST = new Set(["password1234", "qwerty123", "iloveyou"]);
const isCommon = (form: string) => LIST.has(form);
const account = { email: "halla@example.kr", nickname: "한라산지기" };

describe("new passwords", () => {
  test.prop([fc.constantFrom(...LIST), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })])(
    "a listed password is refused in any letter case and in full-width form",
    (listed, upper) => {
      const cased = [...listed].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
      const fullWidth = [...cased].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)).join("");
      for (const p of [cased, fullWidth])
        if (p.length >= 8) expect(checkNewPassword(p, isCommon, account)._unsafeUnwrapErr()._tag).toBe("CommonPassword");
    },
  );

  test.prop([fc.string({ minLength: 8, maxLength: 128 })])(
    "no composition rule: any unlisted, non-personal password of 8–128 characters passes",
    (p) => {
      fc.pre(
        !isCommon(passwordLookupForm(p)) &&
          ![passwordLookupForm(account.email), "halla", passwordLookupForm(account.nickname)].includes(passwordLookupForm(p)),
      );
      fc.pre([...p].length >= 8);
      expect(checkNewPassword(p, isCommon, account).isOk()).toBe(true);
    },
  );

  test.prop([fc.string({ maxLength: 7 })])("shorter than 8 characters is too short", (p) => {
    expect(checkNewPassword(p, isCommon, account)._unsafeUnwrapErr()._tag).toBe("WeakPassword");
  });

  it.each(["hallasan.keeper@example.kr", "HALLASAN.KEEPER", "한라산 지킴이 제주", "한라산지킴이제주"])(
    "the account's own email, its local part or nickname is refused: %s",
    (p) => {
      const own = { email: "hallasan.keeper@example.kr", nickname: "한라산 지킴이 제주" };
      expect(checkNewPassword(p, isCommon, own)._unsafeUnwrapErr()._tag).toBe("CommonPassword");
    },
  );
});
