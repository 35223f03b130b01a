import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/processes.js";
import { startServer } from "../support/serverProcess.js";

interface ExportedSpan {
  readonly name: string;
  readonly traceId: string;
  readonly attributes?: readonly { key: string; value: { stringValue?: string } }[];
}

/** A tiny OTLP/HTTP JSON receiver: what a collector would get. */
const otlpReceiver = async () => {
  const batches: { resource: unknown; spans: ExportedSpan[] }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      if (req.url === "/v1/traces" && req.method === "POST") {
        const parsed = JSON.parse(body) as {
          resourceSpans: { resource: unknown; scopeSpans: { spans: ExportedSpan[] }[] }[];
        };
        for (const rs of parsed.resourceSpans) batches.push({ resource: rs.resource, spans: rs.scopeSpans.flatMap((s) => s.spans) });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { url, batches, close: () => new Promise<void>((done) => server.close(() => done())) };
};

let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
let server: Awaited<ReturnType<typeof startServer>>;
let metricsPort: number;

beforeAll(async () => {
  receiver = await otlpReceiver();
  metricsPort = await freePort();
  server = await startServer({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, METRICS_PORT: String(metricsPort) });
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

/** `npm run db:<report>` beside the running service. */
const dbReport = (report: string, args: string[] = []) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    execFile(
      process.execPath,
      ["--import", "tsx", "src/app/cli/dbStats.ts", report, ...args],
      { env: { ...inherited, DATA_DIR: server.dataDir }, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }),
    );
  });

const eventually = async <A>(probe: () => A | undefined, ms = 20_000): Promise<A | undefined> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
};

describe("monitoring of the running service", () => {
  it("keeps and echoes an incoming x-request-id, makes one otherwise, and logs one access line per request with it", async () => {
    const kept = await fetch(`${server.url}/trpc/region.list`, { headers: { "x-request-id": "req-from-proxy-42" } });
    expect(kept.status).toBe(200);
    expect(kept.headers.get("x-request-id")).toBe("req-from-proxy-42");
    const made = await fetch(`${server.url}/healthz`);
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const line = await eventually(() =>
      server
        .output()
        .split("\n")
        .find((l) => l.includes('"msg":"access"') && l.includes("req-from-proxy-42")),
    );
    expect(JSON.parse(line ?? "{}")).toMatchObject({ reqId: "req-from-proxy-42", method: "GET", path: "/trpc/region.list", status: "200" });
  });

  it("serves /metrics on METRICS_PORT only: requests per procedure and status, latency histograms, pool gauges", async () => {
    await fetch(
      `${server.url}/trpc/question.get?input=${encodeURIComponent(JSON.stringify({ id: "00000000-0000-4000-8000-000000000000" }))}`,
    );
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/dongne_http_requests_total\{procedure="region.list",status="200"\} [1-9]/);
    expect(text).toMatch(/dongne_http_requests_total\{procedure="question.get",status="404"\} 1/);
    expect(text).toMatch(/dongne_http_request_duration_seconds_bucket\{le="[\d.]+",procedure="region.list",status="200"\}/);
    expect(text).toMatch(/dongne_db_pool_connections\{pool="reads",state="idle"\} \d+/);
    expect(text).toMatch(/dongne_db_pool_max\{pool="writes"\} 10/);
    expect(text).toMatch(/dongne_wal_archive_failing 0/);
  });

  it("exports the Effect spans over OTLP to OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    // A read that no cache answers (region.list is warmed into the public cache at start), so its use case runs.
    const input = encodeURIComponent(JSON.stringify({ lat: 33.4996, lng: 126.5312, radiusKm: 3 }));
    await fetch(`${server.url}/trpc/question.nearby?input=${input}`);
    const span = await eventually(() => receiver.batches.flatMap((b) => b.spans).find((s) => s.name === "api question.nearby"));
    expect(span).toBeDefined();
    expect(span?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(receiver.batches[0]?.resource)).toContain("dongne-ask");
    // The use case's own Effect.fn span, in the same trace.
    const useCase = await eventually(() =>
      receiver.batches.flatMap((b) => b.spans).find((s) => s.name === "nearbyQuestionsFor" && s.traceId === span?.traceId),
    );
    expect(useCase).toBeDefined();
  });

  it("reports slow statements (pg_stat_statements), index usage and table sizes of the embedded database", async () => {
    const [slow, indexes, sizes] = await Promise.all([
      dbReport("slow", ["--min-ms", "0", "--json"]),
      dbReport("indexes"),
      dbReport("sizes"),
    ]);
    expect(slow.code, slow.stderr).toBe(0);
    const statements = JSON.parse(slow.stdout) as { query: string; calls: number; hit_percent: number | null }[];
    expect(statements.some((s) => /FROM regions/i.test(s.query))).toBe(true);
    expect(indexes.code, indexes.stderr).toBe(0);
    expect(indexes.stdout).toMatch(/indexes unused since the statistics were reset/);
    expect(indexes.stdout).toContain("idx_point_transactions_user_created");
    expect(sizes.code, sizes.stderr).toBe(0);
    expect(sizes.stdout).toMatch(/^database [\d.]+ [kMG]B:/m);
    expect(sizes.stdout).toMatch(/^questions\s/m);
  }, 120_000);
});
