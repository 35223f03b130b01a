import { Layer } from "effect";
import { makeInMemoryWebhookSender } from "../../adapters/in-memory/InMemoryWebhookSender.js";
import { HttpWebhookSender } from "../../adapters/webhook/HttpWebhookSender.js";
import { NodeWebhookSigner } from "../../adapters/webhook/signature.js";
import { WebhookPolicy, type WebhookPolicyShape } from "../../application/ports/WebhookSender.js";
import type { Config } from "../config.js";

export const webhookPolicyOf = (config: Config): WebhookPolicyShape => ({
  allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS === "on",
  maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
  timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  publicUrl: config.PUBLIC_URL ?? null,
});

/** Partner webhooks: POSTs over node:http(s) with the SSRF guard (unless WEBHOOK_ALLOW_PRIVATE_TARGETS=on), HMAC signing. */
export const webhookLayer = (config: Config) => {
  const policy = webhookPolicyOf(config);
  return Layer.mergeAll(
    HttpWebhookSender({ allowPrivateTargets: policy.allowPrivateTargets }),
    NodeWebhookSigner,
    Layer.succeed(WebhookPolicy, policy),
  );
};

/** Webhooks without a network (tools and tests): every POST answers 200 (see InMemoryWebhookSender). */
export const inMemoryWebhooks = () => Layer.merge(makeInMemoryWebhookSender().layer, NodeWebhookSigner);
