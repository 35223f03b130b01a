import { err, ok, type Result } from "neverthrow";
import { isLocalVerified } from "../user/user.js";

/** The new-user rules' defaults (each has its own variable, README *Accounts and abuse limits*). */
export const DEFAULT_NEW_USER_HOURS = 24;
export const DEFAULT_NEW_USER_MAX_LINKS = 2;

/**
 * A new user: an account younger than `newUserMs` that is not a verified local. Verified locals have shown
 * they live here (three days of position checks), which is more than any spammer does.
 */
export const isNewUser = (user: { readonly createdAt: Date; readonly verificationLevel: number }, now: Date, newUserMs: number): boolean =>
  now.getTime() - user.createdAt.getTime() < newUserMs && !isLocalVerified(user);

// A scheme, a www. host, or a bare host with a common top-level domain (naver.com/…, bit.ly/…).
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|net|org|kr|co|io|me|ly|gl|to|info|biz|xyz|site|shop|app|link)\b(?:\/[^\s<>"']*)?/giu;

/** How many links the text has; full-width letters count as their plain forms (NFKC). */
export const countLinks = (text: string): number => text.normalize("NFKC").match(LINK)?.length ?? 0;

export type TooManyLinks = { readonly _tag: "TooManyLinks"; readonly max: number; readonly actual: number };

export const checkLinks = (text: string, max: number): Result<string, TooManyLinks> => {
  const actual = countLinks(text);
  return actual <= max ? ok(text) : err({ _tag: "TooManyLinks", max, actual });
};

/**
 * What two posts must share to be "the same text": the text after NFKC, case folding and with all
 * whitespace collapsed, so a repost with an extra space or full-width letters is still a repost.
 */
export const repostFingerprint = (text: string): string => text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
