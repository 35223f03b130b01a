import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { signatureHeader, verifySignature } from "../../src/adapters/webhook/signature.js";
import { SIGNATURE_TOLERANCE_SECONDS } from "../../src/domain/webhook/webhook.js";

const secret = fc.stringMatching(/^whsec_[0-9a-f]{64}$/);
const body = fc.oneof(fc.json(), fc.string({ maxLength: 500 }));
const t = fc.integer({ min: 1_600_000_000, max: 2_100_000_000 });

describe("webhook signatures (HMAC-SHA256 over `<t>.<body>`)", () => {
  test.prop([secret, t, body, fc.integer({ min: -SIGNATURE_TOLERANCE_SECONDS, max: SIGNATURE_TOLERANCE_SECONDS })])(
    "verify what was signed, within the tolerance",
    (s, ts, b, skew) => {
      expect(signatureHeader(s, ts, b)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(s, signatureHeader(s, ts, b), b, ts + skew)).toBe(true);
    },
  );

  test.prop([secret, t, body, body])("refuse another body", (s, ts, b, other) => {
    fc.pre(b !== other);
    expect(verifySignature(s, signatureHeader(s, ts, b), other, ts)).toBe(false);
  });

  test.prop([secret, secret, t, body])("refuse another secret", (s, other, ts, b) => {
    fc.pre(s !== other);
    expect(verifySignature(other, signatureHeader(s, ts, b), b, ts)).toBe(false);
  });

  test.prop([secret, t, body, fc.integer({ min: 1, max: 1_000_000 })])("refuse a changed timestamp", (s, ts, b, shift) => {
    const header = signatureHeader(s, ts, b).replace(`t=${ts}`, `t=${ts + shift}`);
    expect(verifySignature(s, header, b, ts + shift)).toBe(false);
  });

  test.prop([secret, t, body, fc.nat(63), fc.constantFrom(..."0123456789abcdef")])(
    "refuse a flipped signature digit",
    (s, ts, b, i, digit) => {
      const header = signatureHeader(s, ts, b);
      const mac = header.slice(header.indexOf("v1=") + 3);
      fc.pre(mac[i] !== digit);
      const tampered = `${header.slice(0, header.indexOf("v1=") + 3)}${mac.slice(0, i)}${digit}${mac.slice(i + 1)}`;
      expect(verifySignature(s, tampered, b, ts)).toBe(false);
    },
  );

  test.prop([secret, t, body, fc.integer({ min: SIGNATURE_TOLERANCE_SECONDS + 1, max: 10_000_000 })])(
    "refuse a signature too old or too far ahead (a replay)",
    (s, ts, b, age) => {
      expect(verifySignature(s, signatureHeader(s, ts, b), b, ts + age)).toBe(false);
      expect(verifySignature(s, signatureHeader(s, ts, b), b, ts - age)).toBe(false);
    },
  );
});
