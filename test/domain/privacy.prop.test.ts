import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONSENT_KINDS, type ConsentDecision, currentConsents, mayBeUnder14, mayUseLocation } from "../../src/domain/privacy/consent.js";
import { coarsen } from "../../src/domain/privacy/location.js";
import { distanceKm } from "../../src/domain/shared/geo.js";
import { UserId } from "../../src/domain/shared/ids.js";

const jeju = fc.record({ lat: fc.double({ min: 33.1, max: 33.6, noNaN: true }), lng: fc.double({ min: 126.1, max: 127, noNaN: true }) });

describe("coarsened locations", () => {
  it("stay within the cell (≤ ~0.71 × the grid) and are the same for every point of a cell", () => {
    fc.assert(
      fc.property(jeju, fc.integer({ min: 50, max: 1000 }), (p, metres) => {
        const c = coarsen(p, metres);
        expect(distanceKm(p, c) * 1000).toBeLessThanOrEqual(metres * 0.72 + 1);
        expect(coarsen(c, metres)).toEqual(c);
      }),
    );
  });
});

describe("consent rules", () => {
  const decision = (kind: (typeof CONSENT_KINDS)[number], granted: boolean, at: number): ConsentDecision => ({
    userId: UserId("u"),
    kind,
    version: "v",
    granted,
    recordedAt: new Date(at),
  });
  it("the newest decision of a kind (the history's first) is its state; never decided is off", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CONSENT_KINDS), fc.boolean()), { maxLength: 20 }), (decisions) => {
        const history = decisions.map(([k, g], i) => decision(k, g, 1000 - i));
        for (const state of currentConsents(history)) {
          const first = history.find((d) => d.kind === state.kind);
          expect(state.granted).toBe(first?.granted ?? false);
        }
      }),
    );
  });
  it("under 14 by the birth year's conservative reading needs a guardian; location needs its own consent", () => {
    const now = new Date("2026-11-01T00:00:00Z");
    expect(mayBeUnder14(2012, now)).toBe(true);
    expect(mayBeUnder14(2011, now)).toBe(false);
    expect(mayBeUnder14(null, now)).toBe(false);
    const states = (kinds: (typeof CONSENT_KINDS)[number][]) => currentConsents(kinds.map((k, i) => decision(k, true, i)));
    expect(mayUseLocation({ birthYear: 1990 }, states([]), now).isErr()).toBe(true);
    expect(mayUseLocation({ birthYear: 1990 }, states(["location"]), now).isOk()).toBe(true);
    expect(mayUseLocation({ birthYear: 2013 }, states(["location"]), now)._unsafeUnwrapErr()).toEqual({ _tag: "GuardianConsentRequired" });
    expect(mayUseLocation({ birthYear: 2013 }, states(["location", "guardian"]), now).isOk()).toBe(true);
  });
});
