import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { Effect, Layer } from "effect";
import { WebhookSigner } from "../../application/ports/WebhookSender.js";
import { formatSignatureHeader, parseSignatureHeader, SIGNATURE_TOLERANCE_SECONDS, signedContent } from "../../domain/webhook/webhook.js";

/** HMAC-SHA256 of `<t>.<body>` with the webhook's secret, in hex. */
export const hmacHex = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(signedContent(timestamp, body), "utf8").digest("hex");

export const signatureHeader = (secret: string, timestamp: number, body: string) =>
  formatSignatureHeader(timestamp, hmacHex(secret, timestamp, body));

/**
 * What a partner does on receipt (the README shows the same steps): parse the header, recompute the HMAC over the
 * raw body, compare in constant time, and refuse a timestamp further than the tolerance from now (a replay).
 */
export const verifySignature = (
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean => {
  const parsed = parseSignatureHeader(header);
  if (!parsed || Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, parsed.timestamp, body), "hex");
  return parsed.v1.some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
};

export const NodeWebhookSigner = Layer.succeed(WebhookSigner, {
  newSecret: Effect.sync(() => `whsec_${randomBytes(32).toString("hex")}`),
  signature: signatureHeader,
});
