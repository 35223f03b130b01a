import { Layer } from "effect";
import { PRIVACY_POLICY_DEFAULTS, PrivacyPolicy, type PrivacyPolicyShape } from "../../application/ports/PrivacyPolicy.js";
import type { Config } from "../config.js";

/** The privacy choices of the configuration. */
export const privacyPolicyOf = (config: Config): PrivacyPolicyShape => {
  return {
    publicLocationPrecisionMetres: config.PUBLIC_LOCATION_PRECISION_M,
    notificationRetentionDays: config.NOTIFICATION_RETENTION_DAYS,
    trendingRetentionDays: config.TRENDING_RETENTION_DAYS,
  };
};

export const privacyPolicyLayer = (config?: Config) =>
  Layer.succeed(PrivacyPolicy, config ? privacyPolicyOf(config) : PRIVACY_POLICY_DEFAULTS);
