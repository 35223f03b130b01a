/**
 * Session lifetimes (OWASP ASVS 3.3): a session ends at its absolute expiry, however active, or after a
 * period without requests. Pure: the caller passes the time.
 */
export interface SessionLifetimes {
  /** From sign-in to the end, however active the session is (the seed's 24 h). */
  readonly absoluteMs: number;
  /** Without a request for this long, the session ends. */
  readonly idleMs: number;
  /** Activity is recorded at most this often, so a busy session does not write on every request. */
  readonly touchEveryMs: number;
}

export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = {
  absoluteMs: 24 * 60 * 60 * 1000,
  idleMs: 2 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
};

export interface SessionTimes {
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export type SessionState = "live" | "expired" | "idle";

export const sessionExpiry = (createdAt: Date, lifetimes: SessionLifetimes) => new Date(createdAt.getTime() + lifetimes.absoluteMs);

export const sessionState = (s: SessionTimes, now: Date, lifetimes: SessionLifetimes): SessionState => {
  if (now.getTime() >= s.expiresAt.getTime()) return "expired";
  if (now.getTime() - s.lastSeenAt.getTime() >= lifetimes.idleMs) return "idle";
  return "live";
};

/** Whether a live session's activity should be recorded now (at most once per `touchEveryMs`). */
export const needsTouch = (s: SessionTimes, now: Date, lifetimes: SessionLifetimes) =>
  now.getTime() - s.lastSeenAt.getTime() >= lifetimes.touchEveryMs;

/** Sessions that can never be live again at `now`: expired, or idle for longer than the idle timeout. */
export const purgeBefore = (now: Date, lifetimes: SessionLifetimes) => ({
  expiredBefore: now,
  idleBefore: new Date(now.getTime() - lifetimes.idleMs),
});
