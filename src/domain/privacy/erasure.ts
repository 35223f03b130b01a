import type { User } from "../user/user.js";

/** What a deleted account's questions and answers show as their author. */
export const DELETED_AUTHOR_NICKNAME = "탈퇴한 사용자";

/**
 * The row a deleted account leaves: its id (a pseudonym, kept because the ledger's append-only rows and the
 * community's questions and answers point at it) and counters, nothing else that says who it was. The email
 * becomes a placeholder no one can register or sign in with (`.invalid` is reserved, RFC 2606), so the real
 * address is free for a new account at once; the password hash is one no password matches.
 */
export const anonymisedUser = (user: User, now: Date): User => ({
  ...user,
  email: `deleted-${user.id}@deleted.invalid`,
  passwordHash: "!deleted",
  nickname: DELETED_AUTHOR_NICKNAME,
  regionCode: null,
  verificationLevel: 0,
  verifiedDays: [],
  notificationSettings: {},
  privacySettings: {},
  birthYear: null,
  updatedAt: now,
  lastActiveAt: now,
  deletedAt: now,
});
