import { err, ok, type Result } from "neverthrow";
import { activeRegion, type RegionCatalog } from "../region/region.js";
import type { UserId } from "../shared/ids.js";
import { charLength, cleanText } from "../shared/text.js";

export type VerificationLevel = 0 | 1 | 2 | 3;

export interface User {
  readonly id: UserId;
  readonly email: string;
  readonly passwordHash: string;
  readonly nickname: string;
  readonly regionCode: string | null;
  readonly verificationLevel: VerificationLevel;
  /** Korean calendar days (YYYY-MM-DD) on which a position check inside the home region succeeded. */
  readonly verifiedDays: readonly string[];
  readonly pointBalance: number;
  readonly totalEarnedPoints: number;
  readonly questionCount: number;
  readonly answerCount: number;
  readonly acceptedAnswerCount: number;
  /** Flags per kind, quiet hours and the digest opt-in: see domain/notification/settings.ts. */
  readonly notificationSettings: Readonly<Record<string, boolean | string>>;
  readonly privacySettings: Readonly<Record<string, boolean>>;
  /** Year of birth as the person gave it (optional): under 14, location features need a guardian's consent. */
  readonly birthYear: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastActiveAt: Date;
  readonly deletedAt: Date | null;
}

export const isLocalVerified = (u: { readonly verificationLevel: number }): boolean => u.verificationLevel >= 2;

export const NICKNAME_LENGTH = { min: 1, max: 50 } as const;
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export type InvalidEmail = { readonly _tag: "InvalidEmail" };
export type NicknameLength = { readonly _tag: "NicknameLength"; readonly actual: number };
export type WeakPassword = { readonly _tag: "WeakPassword"; readonly min: number };
export type HomeRegionNotFound = { readonly _tag: "HomeRegionNotFound"; readonly code: string };
export type InvalidBirthYear = { readonly _tag: "InvalidBirthYear" };
export type RegistrationError = InvalidEmail | NicknameLength | WeakPassword | HomeRegionNotFound | InvalidBirthYear;

/** The oldest birth year taken (a typo guard, not an age rule). */
export const BIRTH_YEAR_MIN = 1900;

export interface Registration {
  readonly email: string;
  readonly nickname: string;
  readonly regionCode: string | null;
  readonly birthYear?: number | null;
}

/** Emails compare case-insensitively; nicknames are NFC-normalized and trimmed. */
export const normalizeEmail = (email: string): string => email.normalize("NFC").trim().toLowerCase();

export const validateRegistration = (
  input: {
    readonly email: string;
    readonly password: string;
    readonly nickname: string;
    readonly regionCode?: string | undefined;
    readonly birthYear?: number | undefined;
  },
  catalog: RegionCatalog,
  now: Date,
): Result<Registration, RegistrationError> => {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 255) return err({ _tag: "InvalidEmail" });
  const passwordLength = charLength(input.password);
  if (passwordLength < PASSWORD_LENGTH.min || passwordLength > PASSWORD_LENGTH.max)
    return err({ _tag: "WeakPassword", min: PASSWORD_LENGTH.min });
  const nickname = cleanText(input.nickname);
  const nicknameLength = charLength(nickname);
  if (nicknameLength < NICKNAME_LENGTH.min || nicknameLength > NICKNAME_LENGTH.max)
    return err({ _tag: "NicknameLength", actual: nicknameLength });
  if (input.regionCode !== undefined && !activeRegion(catalog, input.regionCode))
    return err({ _tag: "HomeRegionNotFound", code: input.regionCode });
  const birthYear = input.birthYear ?? null;
  if (birthYear !== null && (!Number.isInteger(birthYear) || birthYear < BIRTH_YEAR_MIN || birthYear > now.getUTCFullYear()))
    return err({ _tag: "InvalidBirthYear" });
  return ok({ email, nickname, regionCode: input.regionCode ?? null, birthYear });
};

export const newUser = (id: UserId, registration: Registration, passwordHash: string, now: Date): User => ({
  id,
  ...registration,
  birthYear: registration.birthYear ?? null,
  passwordHash,
  verificationLevel: 0,
  verifiedDays: [],
  pointBalance: 0,
  totalEarnedPoints: 0,
  questionCount: 0,
  answerCount: 0,
  acceptedAnswerCount: 0,
  notificationSettings: { answers: true, accepted: true, badges: true },
  privacySettings: { showRegion: true },
  createdAt: now,
  updatedAt: now,
  lastActiveAt: now,
  deletedAt: null,
});
