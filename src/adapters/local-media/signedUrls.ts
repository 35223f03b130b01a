import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * HMAC-SHA256 signatures for the URLs the service serves its local store under: a signature binds the
 * method, the object key, the expiry and (for uploads) the content type and length, so a URL can neither
 * be reused for another object nor stretched past its time or size.
 */
export const makeUrlSigner = (secret: Uint8Array) => {
  const sign = (parts: readonly string[]) => createHmac("sha256", secret).update(parts.join("\n")).digest("base64url");
  const verify = (parts: readonly string[], signature: string | null) => {
    if (!signature) return false;
    const expected = Buffer.from(sign(parts));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  return { sign, verify };
};
export type UrlSigner = ReturnType<typeof makeUrlSigner>;
