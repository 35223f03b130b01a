import { makeInMemoryWebhookSender } from "../../src/adapters/in-memory/InMemoryWebhookSender.js";
import { webhookSenderContract } from "../contract/WebhookSender.contract.js";

webhookSenderContract("in-memory", async () => {
  const twin = makeInMemoryWebhookSender();
  let n = 0;
  return {
    layer: twin.layer,
    endpoint: async (status) => {
      const url = `https://partner${++n}.example.kr/hooks`;
      twin.respond(url, { statusCode: status });
      return url;
    },
    unreachable: async () => {
      const url = `https://gone${++n}.example.kr/hooks`;
      twin.respond(url, { error: "ECONNREFUSED: connection refused" });
      return url;
    },
    received: () =>
      twin.sent.filter((r) => r.url.includes("partner")).map((r) => ({ url: r.url, body: r.body, event: r.headers["X-Dongne-Event"] })),
    dispose: async () => undefined,
  };
});
