import { Effect, Layer } from "effect";
import { type WebhookRequest, type WebhookResponse, WebhookSender } from "../../application/ports/WebhookSender.js";

/**
 * The twin of the HTTP sender: records every request and answers from a script (each URL's responses in turn,
 * then its last one; 200 when none is scripted).
 */
export const makeInMemoryWebhookSender = () => {
  const sent: WebhookRequest[] = [];
  const scripts = new Map<string, WebhookResponse[]>();
  const layer = Layer.succeed(WebhookSender, {
    send: (request) =>
      Effect.sync(() => {
        sent.push(request);
        const script = scripts.get(request.url);
        if (!script || script.length === 0) return { statusCode: 200 };
        return script.length > 1 ? (script.shift() as WebhookResponse) : (script[0] as WebhookResponse);
      }),
  });
  return {
    layer,
    sent,
    /** The URL's answers from now on, in turn; the last repeats. */
    respond: (url: string, ...responses: WebhookResponse[]) => void scripts.set(url, responses),
  };
};
