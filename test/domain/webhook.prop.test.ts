import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  formatSignatureHeader,
  parseSignatureHeader,
  retryDelayMs,
  validateWebhookUrl,
  WEBHOOK_URL_MAX,
  webhookPayload,
} from "../../src/domain/webhook/webhook.js";

const strict = { allowPrivateTargets: false };
const relaxed = { allowPrivateTargets: true };

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const publicHost = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("kr", "com", "co.kr", "io"))
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`)
  .filter((h) => !/(^|\.)(localhost|local|internal|localdomain)\./.test(`${h}.`));
const path = fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { maxLength: 4 }).map((parts) => `/${parts.join("/")}`);
const query = fc.option(fc.stringMatching(/^[a-z]{1,8}=[A-Za-z0-9]{1,16}$/), { nil: undefined }).map((q) => (q ? `?${q}` : ""));
const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }).map((p) => (p ? `:${p}` : ""));
const httpsUrl = fc.tuple(publicHost, port, path, query).map(([h, p, pa, q]) => `https://${h}${p}${pa}${q}`);

describe("webhook URL rules", () => {
  test.prop([httpsUrl])("accept a public https URL, normalised and idempotent, under both settings", (url) => {
    const once = validateWebhookUrl(url, strict);
    expect(once.isOk()).toBe(true);
    const href = once._unsafeUnwrap();
    expect(href.startsWith("https://")).toBe(true);
    expect(validateWebhookUrl(href, strict)._unsafeUnwrap()).toBe(href);
    expect(validateWebhookUrl(url, relaxed).isOk()).toBe(true);
  });

  test.prop([httpsUrl, fc.constantFrom("http:", "ftp:", "file:", "javascript:", "ws:")])(
    "refuse every scheme but https (http only when private targets are allowed)",
    (url, scheme) => {
      const other = url.replace(/^https:/, scheme);
      expect(validateWebhookUrl(other, strict)._unsafeUnwrapErr()).toMatchObject({ _tag: "InvalidWebhookUrl" });
      expect(validateWebhookUrl(other, relaxed).isOk()).toBe(scheme === "http:");
    },
  );

  test.prop([httpsUrl, fc.stringMatching(/^[a-z]{1,8}$/), fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/), { nil: undefined })])(
    "refuse credentials in the URL under both settings",
    (url, user, password) => {
      const withCredentials = url.replace("https://", `https://${user}${password === undefined ? "" : `:${password}`}@`);
      for (const options of [strict, relaxed])
        expect(validateWebhookUrl(withCredentials, options)._unsafeUnwrapErr().problem).toBe("credentials");
    },
  );

  test.prop([httpsUrl, fc.stringMatching(/^[a-z0-9]{0,8}$/)])("refuse a fragment", (url, fragment) => {
    expect(validateWebhookUrl(`${url}#${fragment}`, strict)._unsafeUnwrapErr().problem).toBe("fragment");
  });

  test.prop([httpsUrl, fc.integer({ min: 1, max: 3000 })])("refuse anything longer than the maximum", (url, extra) => {
    const long = `${url}${url.includes("?") ? "&" : "?"}p=${"a".repeat(WEBHOOK_URL_MAX + extra)}`;
    expect(validateWebhookUrl(long, strict)._unsafeUnwrapErr().problem).toBe("too_long");
  });

  test.prop([
    fc.oneof(
      fc.ipV4().map((ip) => ip),
      fc.ipV6().map((ip) => `[${ip}]`),
      fc.constantFrom("localhost", "LOCALHOST", "api.localhost", "printer.local", "db.internal", "intranet", "router.home.arpa"),
    ),
    path,
  ])("refuse bare addresses and local names unless private targets are allowed", (host, p) => {
    const url = `https://${host}${p}`;
    expect(validateWebhookUrl(url, strict)._unsafeUnwrapErr().problem).toBe("private_host");
    expect(validateWebhookUrl(url, relaxed).isOk()).toBe(true);
  });

  test.prop([fc.string({ maxLength: 300 })])("never throw, whatever the text", (raw) => {
    for (const options of [strict, relaxed]) {
      const r = validateWebhookUrl(raw, options);
      if (r.isOk()) expect(r.value.length).toBeLessThanOrEqual(WEBHOOK_URL_MAX);
    }
  });
});

describe("signature header format", () => {
  const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
  test.prop([fc.integer({ min: 0, max: 99_999_999_999 }), hex])("parses what it formats", (t, mac) => {
    expect(parseSignatureHeader(formatSignatureHeader(t, mac))).toEqual({ timestamp: t, v1: [mac] });
  });

  test.prop([fc.string({ maxLength: 200 })])("refuses or parses any text without throwing", (header) => {
    const parsed = parseSignatureHeader(header);
    if (parsed) expect(parsed.v1.length).toBeGreaterThan(0);
  });
});

describe("retry delays and payloads", () => {
  test.prop([fc.integer({ min: 1, max: 30 })])("grow with each attempt up to e^10 seconds", (n) => {
    expect(retryDelayMs(n + 1)).toBeGreaterThanOrEqual(retryDelayMs(n));
    expect(retryDelayMs(n)).toBeLessThanOrEqual(Math.round(Math.exp(10) * 1000));
  });

  test.prop([fc.string(), fc.string(), fc.constantFrom("normal", "urgent", "emergency" as const)])(
    "a payload carries only the question's public fields",
    (title, regionCode, urgency) => {
      fc.pre(!`${title}${regionCode}`.includes("someone"));
      const question = { id: "q", title, regionCode, urgency, authorId: "someone", content: "secret", location: { lat: 1, lng: 2 } };
      const p = webhookPayload({ deliveryId: "d", event: "question.urgent", occurredAt: new Date(0), question, questionUrl: null });
      expect(Object.keys(p.question).sort()).toEqual(["id", "regionCode", "title", "urgency", "url"]);
      expect(JSON.stringify(p)).not.toContain("someone");
    },
  );
});
