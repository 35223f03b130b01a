import { err, ok, type Result } from "neverthrow";
import { isWithin, type Region, type RegionCatalog } from "../region/region.js";
import { kstDay } from "../shared/time.js";
import type { User, VerificationLevel } from "./user.js";

/** Level 2 needs position checks inside the home region on this many distinct Korean days… */
export const DAYS_FOR_VERIFIED = 3;
/** …within this many days, counting today. */
export const VERIFICATION_WINDOW_DAYS = 30;

export type NoHomeRegion = { readonly _tag: "NoHomeRegion" };
export type NotInHomeRegion = { readonly _tag: "NotInHomeRegion"; readonly locatedCode: string | null };

export interface VerificationOutcome {
  readonly user: User;
  readonly region: Region;
  readonly previousLevel: VerificationLevel;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * A position inside the home region (or below it) raises 0 → 1; checks on three distinct days
 * within 30 days make 2 (verified local). Level 3 is an admin's grant and is never lowered here.
 */
export const verifyLocation = (
  user: User,
  located: Region | undefined,
  catalog: RegionCatalog,
  now: Date,
): Result<VerificationOutcome, NoHomeRegion | NotInHomeRegion> => {
  if (user.regionCode === null) return err({ _tag: "NoHomeRegion" });
  if (!located || !isWithin(catalog, located.code, user.regionCode))
    return err({ _tag: "NotInHomeRegion", locatedCode: located?.code ?? null });
  const today = kstDay(now);
  const oldest = dayNumber(today) - (VERIFICATION_WINDOW_DAYS - 1);
  const days = [...new Set([...user.verifiedDays, today])].filter((d) => dayNumber(d) >= oldest).sort();
  const earned: VerificationLevel = days.length >= DAYS_FOR_VERIFIED ? 2 : 1;
  const level = Math.max(user.verificationLevel, earned) as VerificationLevel;
  return ok({
    user: { ...user, verifiedDays: days, verificationLevel: level, updatedAt: now },
    region: located,
    previousLevel: user.verificationLevel,
  });
};
