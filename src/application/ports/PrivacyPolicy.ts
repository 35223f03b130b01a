import { Context } from "effect";

/** The configuration's privacy choices (src/app/layers/privacy.ts). */
export interface PrivacyPolicyShape {
  /** Public reads show a question's location snapped to a grid of this many metres (0: exact). */
  readonly publicLocationPrecisionMetres: number;
  /** How long read notifications and unread ones are kept (days). */
  readonly notificationRetentionDays: number;
  /** How long the raw hashtag uses behind trending are kept (days; trending reads at most 7). */
  readonly trendingRetentionDays: number;
}

export class PrivacyPolicy extends Context.Service<PrivacyPolicy, PrivacyPolicyShape>()("dongne/PrivacyPolicy") {}

export const PRIVACY_POLICY_DEFAULTS: PrivacyPolicyShape = {
  publicLocationPrecisionMetres: 100,
  notificationRetentionDays: 365,
  trendingRetentionDays: 30,
};
