import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  DEFAULT_SESSION_LIFETIMES,
  needsTouch,
  purgeBefore,
  type SessionLifetimes,
  sessionExpiry,
  sessionState,
} from "../../src/domain/user/session.js";

const HOUR = 3_600_000;
const lifetimes = fc.record({
  absoluteMs: fc.integer({ min: HOUR, max: 720 * HOUR }),
  idleMs: fc.integer({ min: 5 * 60_000, max: 48 * HOUR }),
  touchEveryMs: fc.integer({ min: 1_000, max: 5 * 60_000 }),
});
const T0 = Date.UTC(2026, 5, 1);

/** A session signed in at T0, looked at `sinceStart` later, last seen `sinceSeen` after sign-in (never after now). */
const sessionAt = (l: SessionLifetimes, sinceStart: number, sinceSeen: number) => {
  const createdAt = new Date(T0);
  const lastSeenAt = new Date(T0 + Math.min(sinceStart, sinceSeen));
  return { s: { createdAt, lastSeenAt, expiresAt: sessionExpiry(createdAt, l) }, now: new Date(T0 + sinceStart), lastSeenAt };
};

describe("session lifetimes", () => {
  test.prop([lifetimes, fc.integer({ min: 0, max: 1_000 * HOUR }), fc.integer({ min: 0, max: 1_000 * HOUR })])(
    "live exactly while before the absolute expiry and within the idle timeout of the last request",
    (l, sinceStart, sinceSeen) => {
      const { s, now, lastSeenAt } = sessionAt(l, sinceStart, sinceSeen);
      const live = sinceStart < l.absoluteMs && now.getTime() - lastSeenAt.getTime() < l.idleMs;
      expect(sessionState(s, now, l) === "live").toBe(live);
      // The absolute bound wins over activity: however recent the last request, expired is expired.
      if (sinceStart >= l.absoluteMs) expect(sessionState({ ...s, lastSeenAt: now }, now, l)).toBe("expired");
    },
  );

  test.prop([lifetimes, fc.integer({ min: 0, max: 1_000 * HOUR }), fc.integer({ min: 0, max: 1_000 * HOUR })])(
    "a session the purge bounds take is never live at that time, and one they leave is not idle",
    (l, sinceStart, sinceSeen) => {
      const { s, now } = sessionAt(l, sinceStart, sinceSeen);
      const { expiredBefore, idleBefore } = purgeBefore(now, l);
      const purged = s.expiresAt.getTime() <= expiredBefore.getTime() || s.lastSeenAt.getTime() <= idleBefore.getTime();
      expect(purged).toBe(sessionState(s, now, l) !== "live");
    },
  );

  test.prop([fc.integer({ min: 0, max: 10 * 60_000 })])("activity is recorded at most once per touch interval", (elapsed) => {
    const s = { createdAt: new Date(T0), lastSeenAt: new Date(T0), expiresAt: new Date(T0 + 24 * HOUR) };
    expect(needsTouch(s, new Date(T0 + elapsed), DEFAULT_SESSION_LIFETIMES)).toBe(elapsed >= DEFAULT_SESSION_LIFETIMES.touchEveryMs);
  });
});
