import { err, ok, type Result } from "neverthrow";
import type { Urgency } from "../question/question.js";
import type { UserId } from "../shared/ids.js";

/** What a partner can subscribe to, per region. */
export const WEBHOOK_EVENTS = ["question.accepted", "question.urgent"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An urgent question event is sent for these urgencies (the same ones that escalate to locals). */
export const isUrgentForWebhooks = (urgency: Urgency) => urgency === "urgent" || urgency === "emergency";

export interface Webhook {
  readonly id: string;
  /** A region code: events of questions in it or any region below it (a city's webhook hears all its dongs). */
  readonly regionCode: string;
  readonly event: WebhookEvent;
  readonly url: string;
  /** The HMAC key; shown to the admin once, at creation. */
  readonly secret: string;
  /** The admin who registered it; null once their account is deleted (the webhook is the partner's, it stays). */
  readonly createdBy: UserId | null;
  readonly createdAt: Date;
  readonly removedAt: Date | null;
}

/** What a partner receives: public facts about the question only (no author, no content, no location). */
export interface WebhookPayload {
  readonly id: string;
  readonly event: WebhookEvent;
  readonly occurredAt: string;
  readonly question: {
    readonly id: string;
    readonly title: string;
    readonly regionCode: string;
    readonly urgency: Urgency;
    readonly url: string | null;
  };
  readonly acceptedAnswerId?: string;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly event: WebhookEvent;
  readonly payload: WebhookPayload;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  /** When the queue tries again (pending after a failed attempt); null otherwise. */
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}

export const WEBHOOK_URL_MAX = 2048;
/** Attempts before a delivery is left `failed` (the first included). */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 8;
/** How long one attempt may take, connection to response head. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** A last error kept in the log is cut to this length. */
export const WEBHOOK_ERROR_MAX = 500;

export type WebhookUrlProblem = "malformed" | "too_long" | "scheme" | "credentials" | "fragment" | "private_host";
export type InvalidWebhookUrl = { readonly _tag: "InvalidWebhookUrl"; readonly problem: WebhookUrlProblem };
export type WebhookExists = { readonly _tag: "WebhookExists" };
export const WebhookExists: WebhookExists = { _tag: "WebhookExists" };
export type WebhookNotFound = { readonly _tag: "WebhookNotFound" };
export const WebhookNotFound: WebhookNotFound = { _tag: "WebhookNotFound" };

const invalid = (problem: WebhookUrlProblem): Result<never, InvalidWebhookUrl> => err({ _tag: "InvalidWebhookUrl", problem });

const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;

/** A host that names this machine or a private network, or a bare address (a partner's endpoint has a name). */
const isPrivateLookingHost = (hostname: string) => {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host.startsWith("[") || IPV4_LITERAL.test(host) || LOCAL_NAMES.test(host) || !host.includes(".");
};

/**
 * A partner's endpoint: https only (plain http, bare addresses and local names only when private targets are
 * allowed, for tests and development), no user:password (secrets go in the signature), no fragment, at most
 * WEBHOOK_URL_MAX characters. Returns the URL as parsed (normalised). The address it resolves to is checked
 * again at every send, so a public name that later points inside is still refused.
 */
export const validateWebhookUrl = (raw: string, options: { readonly allowPrivateTargets: boolean }): Result<string, InvalidWebhookUrl> => {
  if (raw.length > WEBHOOK_URL_MAX) return invalid("too_long");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid("malformed");
  }
  if (url.protocol !== "https:" && !(options.allowPrivateTargets && url.protocol === "http:")) return invalid("scheme");
  if (url.hostname === "") return invalid("malformed");
  if (url.username !== "" || url.password !== "") return invalid("credentials");
  if (url.hash !== "" || raw.includes("#")) return invalid("fragment");
  if (!options.allowPrivateTargets && isPrivateLookingHost(url.hostname)) return invalid("private_host");
  if (url.href.length > WEBHOOK_URL_MAX) return invalid("too_long");
  return ok(url.href);
};

// --- Signatures (Stripe-like). The HMAC itself needs node:crypto: see src/adapters/webhook/signature.ts. ---

export const SIGNATURE_HEADER = "X-Dongne-Signature";
/** A receiver should refuse a signature older than this (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What is signed: the timestamp, a dot, and the exact body bytes. */
export const signedContent = (timestamp: number, body: string) => `${timestamp}.${body}`;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const formatSignatureHeader = (timestamp: number, hexMac: string) => `t=${timestamp},v1=${hexMac}`;

/** The header's timestamp and its v1 signatures (a receiver accepts any of them: room for rotating secrets). */
export const parseSignatureHeader = (header: string): { readonly timestamp: number; readonly v1: readonly string[] } | null => {
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null) return null;
      timestamp = Number(value);
    } else if (key === "v1") {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      v1.push(value);
    }
  }
  return timestamp === null || v1.length === 0 ? null : { timestamp, v1 };
};

/** graphile-worker's retry delay after the n-th failed attempt: e^min(n, 10) seconds (the job queue's backoff). */
export const retryDelayMs = (failedAttempts: number) => Math.round(Math.exp(Math.min(failedAttempts, 10)) * 1000);

/** The payload for one event of one question. */
export const webhookPayload = (input: {
  readonly deliveryId: string;
  readonly event: WebhookEvent;
  readonly occurredAt: Date;
  readonly question: { readonly id: string; readonly title: string; readonly regionCode: string; readonly urgency: Urgency };
  readonly questionUrl: string | null;
  readonly acceptedAnswerId?: string;
}): WebhookPayload => ({
  id: input.deliveryId,
  event: input.event,
  occurredAt: input.occurredAt.toISOString(),
  question: {
    id: input.question.id,
    title: input.question.title,
    regionCode: input.question.regionCode,
    urgency: input.question.urgency,
    url: input.questionUrl,
  },
  ...(input.acceptedAnswerId === undefined ? {} : { acceptedAnswerId: input.acceptedAnswerId }),
});

/** A transport's error text as kept in the log: one line, bounded. */
export const shortError = (message: string) => message.replace(/\s+/g, " ").trim().slice(0, WEBHOOK_ERROR_MAX);
