import { Context } from "effect";
import type { UserId } from "../../domain/shared/ids.js";

/** The configuration's privacy choices (src/app/layers/privacy.ts). */
export interface PrivacyPolicyShape {
  /**
   * Seam until roles exist (issue 11 adds users.role): who may call the administrators' procedures.
   * Set by ADMIN_USER_IDS; to be answered from the role once merged.
   */
  readonly isAdmin: (userId: UserId) => boolean;
  /** Public reads show a question's location snapped to a grid of this many metres (0: exact). */
  readonly publicLocationPrecisionMetres: number;
  /** How long read notifications and unread ones are kept (days). */
  readonly notificationRetentionDays: number;
  /** How long the raw hashtag uses behind trending are kept (days; trending reads at most 7). */
  readonly trendingRetentionDays: number;
}

export class PrivacyPolicy extends Context.Service<PrivacyPolicy, PrivacyPolicyShape>()("dongne/PrivacyPolicy") {}

export const PRIVACY_POLICY_DEFAULTS: PrivacyPolicyShape = {
  isAdmin: () => false,
  publicLocationPrecisionMetres: 100,
  notificationRetentionDays: 365,
  trendingRetentionDays: 30,
};
