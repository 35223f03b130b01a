import { Effect, type Layer } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type WebhookRequest, WebhookSender } from "../../src/application/ports/WebhookSender.js";

/** A sender with partners to send to: an endpoint answering a status, and one nobody answers at. */
export interface SenderHarness {
  readonly layer: Layer.Layer<WebhookSender>;
  readonly endpoint: (status: number) => Promise<string>;
  readonly unreachable: () => Promise<string>;
  /** What the endpoints received, in order. */
  readonly received: () => readonly { readonly url: string; readonly body: string; readonly event: string | undefined }[];
  readonly dispose: () => Promise<void>;
}

const request = (url: string, body = '{"id":"d-1"}'): WebhookRequest => ({
  url,
  headers: { "Content-Type": "application/json", "X-Dongne-Event": "question.urgent" },
  body,
  timeoutMs: 2_000,
});

/** Any status comes back as it is (a redirect too: none is followed); no answer is an error, never a failure. */
export const webhookSenderContract = (name: string, makeHarness: () => Promise<SenderHarness>) =>
  describe(`WebhookSender contract: ${name}`, () => {
    let h: SenderHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());
    const send = (r: WebhookRequest) => Effect.runPromise(WebhookSender.use((s) => s.send(r)).pipe(Effect.provide(h.layer)));

    it("returns the endpoint's status, whatever it is, and delivers the body and headers", async () => {
      for (const status of [200, 204, 302, 404, 500]) {
        const url = await h.endpoint(status);
        expect(await send(request(url, `{"status":${status}}`))).toEqual({ statusCode: status });
      }
      expect(h.received().map((r) => r.body)).toEqual([200, 204, 302, 404, 500].map((s) => `{"status":${s}}`));
      expect(h.received().every((r) => r.event === "question.urgent")).toBe(true);
    });

    it("reports an endpoint nobody answers at as an error, without failing", async () => {
      const result = await send(request(await h.unreachable()));
      expect("error" in result && result.error.length).toBeGreaterThan(0);
    });
  });
