import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";

/** Who may read /metrics on the API port: "allow", "deny" (no or a wrong token: 401), or "elsewhere" (served on METRICS_PORT: 404). */
export type MetricsAccess = (req: IncomingMessage) => "allow" | "deny" | "elsewhere";

export const METRICS_TOKEN_FILE = "metrics.token";

/** METRICS_TOKEN, or a token generated once in DATA_DIR/metrics.token (Prometheus reads it with `credentials_file`). */
export const metricsToken = (dataDir: string, configured: string | undefined) => {
  if (configured) return configured;
  const file = join(dataDir, METRICS_TOKEN_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
};

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * /metrics names procedures, pools and backup state: on the API port it needs `Authorization: Bearer
 * <token>`; with METRICS_PORT it is served only there (bind that port to a private interface).
 */
export const metricsAccess = (options: { readonly token: string; readonly separatePort: boolean }): MetricsAccess => {
  return (req) => {
    if (options.separatePort) return "elsewhere";
    const match = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
    return match?.[1] && same(match[1], options.token) ? "allow" : "deny";
  };
};
