import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "../../src/adapters/webhook/signature.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startServer, TEST_METRICS_TOKEN } from "../support/serverProcess.js";

// Partner webhooks on the real service process (PostgreSQL, graphile-worker's queue): a receiver on this machine
// (so WEBHOOK_ALLOW_PRIVATE_TARGETS=on) that fails the first attempt, then gets the retry, correctly signed.
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startServer>>;
const PASSWORD = "성산일출봉 새벽 등반";

interface Hit {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}
const hits: Hit[] = [];
const partner = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => {
    body += c.toString("utf8");
  });
  req.on("end", () => {
    hits.push({ headers: req.headers, body, at: Date.now() });
    // The first attempt fails; the queue's retry (e^1 s later) succeeds.
    res.writeHead(hits.length === 1 ? 500 : 200).end("ok");
  });
});
let partnerUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => partner.listen(0, "127.0.0.1", resolve));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/dongne/hooks`;
  db = await machineDatabase();
  server = await startServer({ DATABASE_URL: db.url, WEBHOOK_ALLOW_PRIVATE_TARGETS: "on" });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await db?.drop();
  partner.closeAllConnections();
  await new Promise((resolve) => partner.close(resolve));
});

interface Wire {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON, asserted field by field
  readonly body: any;
}
const post = async (path: string, input: unknown, token?: string): Promise<Wire> => {
  const res = await fetch(`${server.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
};
const get = async (path: string, input: unknown, token?: string): Promise<Wire> => {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${server.url}/trpc/${path}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
};
const register = async (name: string) => {
  const res = await post("auth.register", { email: `${name}@example.kr`, password: PASSWORD, nickname: name });
  expect(res.status).toBe(200);
  return { token: res.body.result.data.token as string, id: res.body.result.data.user.id as string, email: `${name}@example.kr` };
};
/** The same statement the `user:role` CLI runs, straight on the test database. */
const makeAdmin = async (email: string) => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    await c.query("UPDATE users SET role = 'admin' WHERE email = $1", [email]);
  } finally {
    await c.end();
  }
};
const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
const code = (w: Wire) => w.body.error?.data?.code;

describe("partner webhooks over HTTP", () => {
  it("an admin's webhook gets an emergency question, retried after a 500, signed; the log shows 2 attempts; others are refused", async () => {
    const admin = await register("webhook-admin");
    const user = await register("webhook-user");
    await makeAdmin(admin.email);

    // Not an admin: FORBIDDEN with the catalogue's code, for every webhook procedure.
    const refused = await post("webhook.create", { regionCode: "KR-49-01", event: "question.urgent", url: partnerUrl }, user.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.data.code).toBe("NOT_ADMIN");
    expect(code(await get("webhook.list", undefined, user.token))).toBe("NOT_ADMIN");

    const created = await post("webhook.create", { regionCode: "KR-49-01", event: "question.urgent", url: partnerUrl }, admin.token);
    expect(created.status).toBe(200);
    const hook = created.body.result.data;
    expect(hook).toMatchObject({ regionCode: "KR-49-01", event: "question.urgent", url: partnerUrl });
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const listed = (await get("webhook.list", undefined, admin.token)).body.result.data.items;
    expect(listed).toEqual([expect.objectContaining({ id: hook.id })]);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    // Also on the REST mirror.
    const rest = await fetch(`${server.url}/api/v1/admin/webhooks`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(rest.status).toBe(200);

    // A question in one of Jeju City's dongs (한림읍).
    const asked = await post(
      "question.ask",
      {
        title: "한림항 방파제에서 사람이 물에 빠졌어요",
        content: "한림항 방파제 끝에서 낚시하던 분이 물에 빠졌어요. 구조 장비 있는 곳 아시는 분 계신가요?",
        regionCode: "KR-49-01-01",
        urgency: "emergency",
      },
      user.token,
    );
    expect(asked.status).toBe(200);
    const question = asked.body.result.data;

    await waitFor("the retry", async () => (hits.length >= 2 ? true : undefined));
    const [first, second] = hits as [Hit, Hit];
    expect(second.at - first.at).toBeGreaterThanOrEqual(2_000); // e^1 s of backoff
    for (const hit of [first, second]) {
      expect(hit.headers["content-type"]).toBe("application/json");
      expect(hit.headers["user-agent"]).toBe("DongneAsk-Webhooks/1");
      expect(hit.headers["x-dongne-event"]).toBe("question.urgent");
    }
    const signature = String(second.headers["x-dongne-signature"]);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(hook.secret, signature, second.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature(hook.secret, signature, second.body.replace("한림", "애월"), Math.floor(Date.now() / 1000))).toBe(false);
    const payload = JSON.parse(second.body);
    expect(payload).toEqual({
      id: second.headers["x-dongne-delivery"],
      event: "question.urgent",
      occurredAt: question.createdAt,
      question: { id: question.id, title: question.title, regionCode: "KR-49-01-01", urgency: "emergency", url: null },
    });
    expect(second.body).not.toContain(user.id);
    expect(first.headers["x-dongne-delivery"]).toBe(second.headers["x-dongne-delivery"]);

    const delivery = await waitFor("the log to show the delivery", async () => {
      const page = (await get("webhook.deliveries", { webhookId: hook.id }, admin.token)).body.result.data;
      return page.items[0]?.status === "delivered" ? page.items[0] : undefined;
    });
    expect(delivery).toMatchObject({ id: payload.id, status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(code(await get("webhook.deliveries", { webhookId: hook.id }, user.token))).toBe("NOT_ADMIN");

    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('dongne_webhook_deliveries_total{event="question.urgent",outcome="retry"} 1');
    expect(metrics).toContain('dongne_webhook_deliveries_total{event="question.urgent",outcome="delivered"} 1');
    // One line per failed attempt: the webhook's own, not the generic job line besides.
    const lines = server.output().split("\n");
    expect(lines.filter((l) => l.includes("webhook attempt failed: retried with backoff"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"job":"webhook.deliver"'))).toEqual([]);
    expect(server.output()).not.toContain(hook.secret);

    expect((await post("webhook.remove", { id: hook.id }, admin.token)).body.result.data).toEqual({ removed: true });
    expect(code(await post("webhook.remove", { id: hook.id }, admin.token))).toBe("WEBHOOK_NOT_FOUND");
  });
});
