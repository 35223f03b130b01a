import { Layer } from "effect";
import { PRIVACY_POLICY_DEFAULTS, PrivacyPolicy, type PrivacyPolicyShape } from "../../application/ports/PrivacyPolicy.js";
import type { Config } from "../config.js";

/** The privacy choices of the configuration (ADMIN_USER_IDS is the seam until users.role exists). */
export const privacyPolicyOf = (config: Config): PrivacyPolicyShape => {
  const admins = new Set(config.ADMIN_USER_IDS.map((id) => id.toLowerCase()));
  return {
    isAdmin: (userId) => admins.has(userId.toLowerCase()),
    publicLocationPrecisionMetres: config.PUBLIC_LOCATION_PRECISION_M,
    notificationRetentionDays: config.NOTIFICATION_RETENTION_DAYS,
    trendingRetentionDays: config.TRENDING_RETENTION_DAYS,
  };
};

export const privacyPolicyLayer = (config?: Config) =>
  Layer.succeed(PrivacyPolicy, config ? privacyPolicyOf(config) : PRIVACY_POLICY_DEFAULTS);
