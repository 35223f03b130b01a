import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { locate } from "../../src/domain/region/region.js";
import { UserId } from "../../src/domain/shared/ids.js";
import { newUser, type User, type VerificationLevel } from "../../src/domain/user/user.js";
import { verifyLocation } from "../../src/domain/user/verification.js";
import { jejuCatalog, T0 } from "../support/builders.js";

const aewolUser = (level: VerificationLevel = 0): User => ({
  ...newUser(UserId("u"), { email: "a@b.kr", nickname: "애월주민", regionCode: "KR-49-01-02" }, "hash", T0),
  verificationLevel: level,
});
const inAewol = locate(jejuCatalog, { lat: 33.4627, lng: 126.3095 });
const inSeongsan = locate(jejuCatalog, { lat: 33.4581, lng: 126.9425 });
const day = 86_400_000;

describe("local verification", () => {
  test.prop([
    fc.array(fc.record({ offsetDays: fc.nat(90), inside: fc.boolean() }), { maxLength: 25 }),
    fc.constantFrom<VerificationLevel>(0, 3),
  ])("never lowers a level; reaches 2 with checks on 3 distinct days within 30 days", (checks, start) => {
    let user = aewolUser(start);
    const sorted = [...checks].sort((a, b) => a.offsetDays - b.offsetDays);
    const successDays: number[] = [];
    for (const c of sorted) {
      const now = new Date(T0.getTime() + c.offsetDays * day);
      const before = user.verificationLevel;
      const result = verifyLocation(user, c.inside ? inAewol : inSeongsan, jejuCatalog, now);
      expect(result.isOk()).toBe(c.inside);
      if (result.isErr()) continue;
      user = result.value.user;
      successDays.push(c.offsetDays);
      expect(user.verificationLevel).toBeGreaterThanOrEqual(before);
      const recent = new Set(successDays.filter((d) => d > c.offsetDays - 30));
      if (start !== 3) expect(user.verificationLevel >= 2).toBe(before >= 2 || recent.size >= 3);
      expect(user.verificationLevel).toBeGreaterThanOrEqual(1);
    }
  });

  test("a user without a home region cannot verify", () => {
    const user = { ...aewolUser(), regionCode: null };
    expect(verifyLocation(user, inAewol, jejuCatalog, T0)._unsafeUnwrapErr()._tag).toBe("NoHomeRegion");
  });

  test("a home region includes the regions below it", () => {
    const user = { ...aewolUser(), regionCode: "KR-49-01" };
    expect(verifyLocation(user, inAewol, jejuCatalog, T0)._unsafeUnwrap().user.verificationLevel).toBe(1);
  });
});
