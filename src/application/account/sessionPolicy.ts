/** Sessions last 24 hours (seed). */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
