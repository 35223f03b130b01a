import { Context, type Effect } from "effect";
import { DEFAULT_WEBHOOK_MAX_ATTEMPTS, WEBHOOK_TIMEOUT_MS } from "../../domain/webhook/webhook.js";

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** What came back: a status code (any, a redirect included: none is followed), or why there was none. */
export type WebhookResponse = { readonly statusCode: number } | { readonly error: string };

/**
 * Outbound POSTs to partners. Never fails: a refused address, a timeout or a reset is an `error` the delivery log
 * keeps. The real adapter refuses private, loopback, link-local, multicast and unspecified addresses as resolved at
 * send time (unless private targets are allowed), and reads at most a few KB of the response.
 */
export class WebhookSender extends Context.Service<
  WebhookSender,
  { readonly send: (request: WebhookRequest) => Effect.Effect<WebhookResponse> }
>()("dongne/WebhookSender") {}

/** Webhook secrets and signatures (HMAC needs node:crypto, so it lives in an adapter). */
export class WebhookSigner extends Context.Service<
  WebhookSigner,
  {
    /** A new random secret, `whsec_` and 32 bytes in hex. */
    readonly newSecret: Effect.Effect<string>;
    /** The X-Dongne-Signature header's value for the body sent at `timestamp` (unix seconds). */
    readonly signature: (secret: string, timestamp: number, body: string) => string;
  }
>()("dongne/WebhookSigner") {}

export interface WebhookPolicyShape {
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS=on: http, local names and private addresses allowed (tests, development). */
  readonly allowPrivateTargets: boolean;
  /** Attempts per delivery, the first included (WEBHOOK_MAX_ATTEMPTS). */
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  /** The public site's origin (PUBLIC_URL) for the question's link in payloads; null leaves it out. */
  readonly publicUrl: string | null;
}

export const WebhookPolicy = Context.Reference<WebhookPolicyShape>("dongne/WebhookPolicy", {
  defaultValue: () => ({
    allowPrivateTargets: false,
    maxAttempts: DEFAULT_WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    publicUrl: null,
  }),
});
