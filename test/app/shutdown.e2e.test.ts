import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startServer } from "../support/serverProcess.js";

/**
 * A registration whose body waits for the test: `Expect: 100-continue` makes the server take the
 * request (and answer "100 Continue") before the body is sent, so the request is provably in
 * flight when the test sends SIGTERM. `send()` then sends the body.
 */
const inFlightRegistration = async (baseUrl: string, email: string) => {
  const body = JSON.stringify({ email, password: "비밀번호12345", nickname: "마감직전" });
  const url = new URL("/trpc/auth.register", baseUrl);
  const req = request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
  });
  const response = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c: Buffer) => {
        text += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  await new Promise<void>((resolve) => req.once("continue", resolve));
  return { response, send: () => req.end(body) };
};

describe("shutdown drains the requests in flight", () => {
  it("SIGTERM with a request in flight: it completes with 200, then the embedded database stops and the process exits 0", async () => {
    const server = await startServer();
    const pending = await inFlightRegistration(server.url, "drain@example.kr");
    server.child.kill("SIGTERM");
    await server.logged("shutting down");
    // No new connections while draining.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    pending.send();
    const res = await pending.response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.data.user.email).toBe("drain@example.kr");
    expect(res.connection).toBe("close");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("requests drained");
    expect(server.output()).toContain("stopped");
    await server.stop();
  });

  describe("bounded by SHUTDOWN_TIMEOUT_MS", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await machineDatabase();
    });
    afterAll(() => db?.drop());

    it("a request that never completes is cut when the bound runs out, and the process still exits 0", async () => {
      const server = await startServer({ DATABASE_URL: db.url, SHUTDOWN_TIMEOUT_MS: "500" });
      const stuck = await inFlightRegistration(server.url, "stuck@example.kr");
      server.child.kill("SIGTERM");
      await expect(stuck.response).rejects.toThrow();
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain("drain timed out");
      expect(server.output()).toContain('"cutRequests":1');
      await server.stop();
    });
  });
});
