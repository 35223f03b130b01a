import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpWebhookSender, isPublicAddress, postWebhook } from "../../src/adapters/webhook/HttpWebhookSender.js";
import { signatureHeader, verifySignature } from "../../src/adapters/webhook/signature.js";
import { webhookSenderContract } from "../contract/WebhookSender.contract.js";

const SECRET = `whsec_${"ab".repeat(32)}`;

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** A partner's receiver on a free local port, answering with `respond`. */
const receivers: http.Server[] = [];
const receiver = async (respond: (req: IncomingMessage, res: ServerResponse) => void) => {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      respond(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receivers.push(server);
  return { port: (server.address() as AddressInfo).port, received };
};
afterEach(async () => {
  for (const s of receivers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const signed = (url: string, body: string, timeoutMs = 5_000) => ({
  url,
  headers: {
    "Content-Type": "application/json",
    "User-Agent": "DongneAsk-Webhooks/1",
    "X-Dongne-Event": "question.urgent",
    "X-Dongne-Delivery": "d-1",
    "X-Dongne-Signature": signatureHeader(SECRET, Math.floor(Date.now() / 1000), body),
  },
  body,
  timeoutMs,
});
const allowed = { allowPrivateTargets: true };
const guarded = { allowPrivateTargets: false };

describe("HTTP webhook sender (a local receiver)", () => {
  it("POSTs the body with the headers; the receiver verifies the signature over the raw body", async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    const body = JSON.stringify({ id: "d-1", event: "question.urgent", question: { title: "애월 사고" } });
    expect(await postWebhook(signed(`http://127.0.0.1:${r.port}/hooks?x=1`, body), allowed)).toEqual({ statusCode: 204 });
    const [got] = r.received;
    expect(got).toMatchObject({ method: "POST", url: "/hooks?x=1", body });
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got?.headers["user-agent"]).toBe("DongneAsk-Webhooks/1");
    expect(got?.headers["x-dongne-event"]).toBe("question.urgent");
    expect(got?.headers["x-dongne-delivery"]).toBe("d-1");
    expect(got?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(verifySignature(SECRET, String(got?.headers["x-dongne-signature"]), got?.body ?? "", Math.floor(Date.now() / 1000))).toBe(true);
  });

  it("reports a non-2xx status, and follows no redirect", async () => {
    const r = await receiver((req, res) =>
      req.url === "/moved" ? res.writeHead(301, { Location: "/elsewhere" }).end() : res.writeHead(500).end("oops"),
    );
    expect(await postWebhook(signed(`http://127.0.0.1:${r.port}/hooks`, "{}"), allowed)).toEqual({ statusCode: 500 });
    expect(await postWebhook(signed(`http://127.0.0.1:${r.port}/moved`, "{}"), allowed)).toEqual({ statusCode: 301 });
    expect(r.received.map((x) => x.url)).toEqual(["/hooks", "/moved"]);
  });

  it("gives up within its time budget on a receiver that never answers", async () => {
    const r = await receiver(() => undefined);
    const started = Date.now();
    const result = await postWebhook(signed(`http://127.0.0.1:${r.port}/slow`, "{}", 300), allowed);
    expect(result).toEqual({ error: "timed out after 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("does not wait for an endless response body", async () => {
    const r = await receiver((_req, res) => {
      res.writeHead(200);
      const chunk = "x".repeat(1024);
      const timer = setInterval(() => res.write(chunk), 5);
      res.on("close", () => clearInterval(timer));
    });
    expect(await postWebhook(signed(`http://127.0.0.1:${r.port}/stream`, "{}", 1_000), allowed)).toEqual({ statusCode: 200 });
  });

  it("closes the connection of a body that never ends, soon after the status", async () => {
    let closed = 0;
    const r = await receiver((req, res) => {
      res.writeHead(200);
      res.write("partial");
      req.socket.on("close", () => {
        closed = Date.now();
      });
    });
    const answered = Date.now();
    expect(await postWebhook(signed(`http://127.0.0.1:${r.port}/dribble`, "{}"), allowed)).toEqual({ statusCode: 200 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(closed).toBeGreaterThan(0);
    expect(closed - answered).toBeLessThan(1_500);
  });

  it("reports a refused connection as an error", async () => {
    const r = await receiver((_req, res) => res.end());
    const port = r.port;
    for (const s of receivers.splice(0)) await new Promise((resolve) => s.close(resolve));
    const result = await postWebhook(signed(`http://127.0.0.1:${port}/`, "{}"), allowed);
    expect("error" in result && result.error).toContain("ECONNREFUSED");
  });

  it("refuses private targets when the flag is off: a bare address, and a name that resolves to one (checked at send time)", async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end());
    expect(await postWebhook(signed(`http://127.0.0.1:${r.port}/`, "{}"), guarded)).toEqual({
      error: "refused address 127.0.0.1 (not a public address)",
    });
    const byName = await postWebhook(signed(`http://localhost:${r.port}/`, "{}"), guarded);
    expect("error" in byName && byName.error).toMatch(/refused address (127\.0\.0\.1|::1) \(not a public address\)/);
    expect(await postWebhook(signed(`http://[::1]:${r.port}/`, "{}"), guarded)).toEqual({
      error: "refused address ::1 (not a public address)",
    });
    expect(r.received).toEqual([]);
  });
});

describe("which addresses are public", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2002:a00:1::",
    "not an address",
  ])("%s is refused", (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(["1.1.1.1", "211.234.10.20", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("%s is allowed", (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

// The twin's contract (test/adapters/webhook-sender.test.ts), here on real sockets: each endpoint a local server.
webhookSenderContract("node:http", async () => {
  const got: { url: string; body: string; event: string | undefined }[] = [];
  const servers: http.Server[] = [];
  const serve = async (status: number) => {
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      req.on("end", () => {
        got.push({ url: req.url ?? "", body, event: req.headers["x-dongne-event"] as string | undefined });
        res.writeHead(status, status === 302 ? { Location: "/elsewhere" } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    return (server.address() as AddressInfo).port;
  };
  return {
    layer: HttpWebhookSender(allowed),
    endpoint: async (status) => `http://127.0.0.1:${await serve(status)}/hooks`,
    unreachable: async () => {
      const port = await serve(200);
      const server = servers.pop() as http.Server;
      await new Promise((resolve) => server.close(resolve));
      return `http://127.0.0.1:${port}/hooks`;
    },
    received: () => got,
    dispose: async () => {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(resolve));
      }
    },
  };
});
