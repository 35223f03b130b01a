import { err, ok, type Result } from "neverthrow";
import type { UserId } from "../shared/ids.js";

/**
 * What a person agreed to. terms and privacy are required to have an account; location (위치기반서비스
 * 이용약관, 위치정보법 제18조) is separate and optional; marketing is optional; guardian records a legal
 * guardian's consent for a person under 14 (위치정보법 제25조).
 */
export const CONSENT_KINDS = ["terms", "privacy", "location", "marketing", "guardian"] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const REQUIRED_CONSENTS: readonly ConsentKind[] = ["terms", "privacy"];

/** The version of each document the clients show now; a decision records the version it was made on. */
export const CONSENT_VERSIONS: Readonly<Record<ConsentKind, string>> = {
  terms: "2026-11-01",
  privacy: "2026-11-01",
  location: "2026-11-01",
  marketing: "2026-11-01",
  guardian: "2026-11-01",
};

export interface ConsentDecision {
  readonly userId: UserId;
  readonly kind: ConsentKind;
  readonly version: string;
  readonly granted: boolean;
  readonly recordedAt: Date;
}

export type ConsentInput = Partial<Readonly<Record<ConsentKind, boolean>>>;

export type RequiredConsentMissing = { readonly _tag: "RequiredConsentMissing"; readonly kind: ConsentKind };
export type RequiredConsentWithdrawal = { readonly _tag: "RequiredConsentWithdrawal"; readonly kind: ConsentKind };

/**
 * The decisions a registration records. A client that sends no consents registers as before: it showed
 * the required terms (their current versions are recorded as granted) and every optional consent is off.
 * A client that sends them must grant the required ones.
 */
export const checkRegistrationConsents = (input: ConsentInput | undefined): Result<ConsentInput, RequiredConsentMissing> => {
  const given = input ?? { terms: true, privacy: true };
  for (const kind of REQUIRED_CONSENTS) if (given[kind] !== true) return err({ _tag: "RequiredConsentMissing", kind });
  return ok(given);
};

export const consentsAtRegistration = (
  userId: UserId,
  input: ConsentInput | undefined,
  now: Date,
): Result<readonly ConsentDecision[], RequiredConsentMissing> =>
  checkRegistrationConsents(input).map((given) =>
    CONSENT_KINDS.map((kind) => ({ userId, kind, version: CONSENT_VERSIONS[kind], granted: given[kind] === true, recordedAt: now })),
  );

/** A later decision; withdrawing a required consent is leaving (user.deleteAccount), not a setting. */
export const consentChange = (
  userId: UserId,
  kind: ConsentKind,
  granted: boolean,
  now: Date,
): Result<ConsentDecision, RequiredConsentWithdrawal> =>
  !granted && REQUIRED_CONSENTS.includes(kind)
    ? err({ _tag: "RequiredConsentWithdrawal", kind })
    : ok({ userId, kind, version: CONSENT_VERSIONS[kind], granted, recordedAt: now });

export interface ConsentState {
  readonly kind: ConsentKind;
  readonly granted: boolean;
  readonly version: string | null;
  readonly recordedAt: Date | null;
}

/** The current state of every kind: the first decision of each in the history, which is newest first. */
export const currentConsents = (history: readonly ConsentDecision[]): readonly ConsentState[] =>
  CONSENT_KINDS.map((kind) => {
    const latest = history.find((d) => d.kind === kind);
    return latest
      ? { kind, granted: latest.granted, version: latest.version, recordedAt: latest.recordedAt }
      : { kind, granted: false, version: null, recordedAt: null };
  });

export const isGranted = (states: readonly ConsentState[], kind: ConsentKind) => states.some((s) => s.kind === kind && s.granted);

/** 만 14세 */
export const GUARDIAN_AGE = 14;

/**
 * Whether a person may be under 14 today, from a birth year alone. The conservative reading: without the
 * birthday, someone born in `year - 14` may still be 13, so they count as under 14 until the next year.
 * Without a birth year we do not presume a child (the law asks for a guardian when the service knows, or
 * should know, the person is under 14; registration asks for the year).
 */
export const mayBeUnder14 = (birthYear: number | null, now: Date): boolean =>
  birthYear !== null && now.getUTCFullYear() - birthYear <= GUARDIAN_AGE;

export type LocationConsentRequired = { readonly _tag: "LocationConsentRequired" };
export type GuardianConsentRequired = { readonly _tag: "GuardianConsentRequired" };

/** Location features need the location terms, and a guardian's consent for someone who may be under 14. */
export const mayUseLocation = (
  person: { readonly birthYear: number | null },
  consents: readonly ConsentState[],
  now: Date,
): Result<void, LocationConsentRequired | GuardianConsentRequired> => {
  if (!isGranted(consents, "location")) return err({ _tag: "LocationConsentRequired" });
  if (mayBeUnder14(person.birthYear, now) && !isGranted(consents, "guardian")) return err({ _tag: "GuardianConsentRequired" });
  return ok(undefined);
};
