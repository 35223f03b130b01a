import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Layer, ManagedRuntime } from "effect";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { RandomIds } from "../../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../../src/adapters/system/SystemClock.js";
import type { AppRuntime } from "../../../src/app/layers.js";
import { makeReadYourWrites } from "../../../src/app/readYourWrites.js";
import { createInnerContext } from "../../../src/app/trpc/context.js";
import { appRouter } from "../../../src/app/trpc/router.js";
import { makeWebApp } from "../../../src/app/web/index.js";
import { DependencyUnavailable } from "../../../src/application/errors.js";
import { questionsThatDie } from "../../support/failingStores.js";
import { inMemoryApp, TestPasswordHasher } from "../../support/testLayer.js";

/** The web app's handler on the in-memory application, called with plain request and response objects. */
const readYourWrites = makeReadYourWrites(0);
const base = () => Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher);

interface Reply {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

const get = (handler: ReturnType<typeof makeWebApp>, url: string, method = "GET") =>
  new Promise<Reply | null>((resolve) => {
    const headers: Record<string, unknown> = {};
    let status = 0;
    const res = {
      setHeader: (k: string, v: unknown) => {
        headers[k.toLowerCase()] = v;
      },
      writeHead: (s: number, h: Record<string, unknown>) => {
        status = s;
        for (const [k, v] of Object.entries(h)) headers[k.toLowerCase()] = v;
      },
      end: (body?: string | Buffer) => resolve({ status, headers, body: body === undefined ? "" : String(body) }),
    };
    const req = { method, url, headers: { host: "dongne.test:8080" } };
    if (!handler(req as unknown as IncomingMessage, res as unknown as ServerResponse)) resolve(null);
  });

const runtimes: AppRuntime[] = [];
afterAll(async () => {
  for (const r of runtimes) await r.dispose();
});

const web = (runtime: AppRuntime, logger = pino({ level: "silent" })) =>
  makeWebApp({ runtime, logger, readYourWrites, webDir: "/nonexistent/dongne-web" });

describe("the web app's handler", () => {
  it("renders a question page, 404s an unknown one, lists it in the sitemap, and leaves other paths alone", async () => {
    const runtime: AppRuntime = ManagedRuntime.make(base());
    runtimes.push(runtime);
    const anonymous = appRouter.createCaller(
      await createInnerContext({ runtime, logger: pino({ level: "silent" }), token: null, readYourWrites }),
    );
    const { token } = await anonymous.auth.register({ email: "a@example.kr", password: "제주여행2026!", nickname: "여행자" });
    const asker = appRouter.createCaller(await createInnerContext({ runtime, logger: pino({ level: "silent" }), token, readYourWrites }));
    const q = await asker.question.ask({
      title: "함덕 해수욕장 지금 물 따뜻한가요?",
      content: "이번 주말에 함덕에서 수영하려는데 물 온도가 괜찮을지 궁금해요.",
      regionCode: "KR-49-01-04",
    });
    const handler = web(runtime);

    const page = await get(handler, `/q/${q.id}`);
    expect(page?.status).toBe(200);
    expect(page?.body).toContain("<h1>함덕 해수욕장 지금 물 따뜻한가요?</h1>");
    expect(page?.body).toContain("조천읍");
    expect(page?.body).toContain(`<link rel="canonical" href="http://dongne.test:8080/q/${q.id}">`);
    // Without a bundle the page still says what it is, and how to build the app.
    expect(page?.body).toContain("npm run build");

    expect((await get(handler, `/q/${randomUUID()}`))?.status).toBe(404);
    const sitemap = await get(handler, "/sitemap.xml");
    expect(sitemap?.body).toContain(`<loc>http://dongne.test:8080/q/${q.id}</loc>`);
    const home = await get(handler, "/");
    expect(home?.status).toBe(200);
    expect(home?.body).toContain('<link rel="canonical" href="http://dongne.test:8080/">');
    expect((await get(handler, "/login"))?.body).toContain('<meta name="robots" content="noindex">');

    for (const path of ["/trpc/user.me", "/api/v1/questions", "/openapi.json", "/docs", "/assets/app.js", "/nope"])
      expect(await get(handler, path)).toBeNull();
    expect(await get(handler, "/", "POST")).toBeNull();
  });

  it("answers 503 with Retry-After, never 500, when the database is unavailable or a read fails unexpectedly", async () => {
    const overloaded: AppRuntime = ManagedRuntime.make(
      base().pipe(Layer.merge(questionsThatDie(() => new DependencyUnavailable("database", "lock timeout")))),
    );
    const broken: AppRuntime = ManagedRuntime.make(base().pipe(Layer.merge(questionsThatDie(() => new Error("boom")))));
    runtimes.push(overloaded, broken);
    const logged: { level: number; msg: string }[] = [];
    const capture = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });

    for (const runtime of [overloaded, broken]) {
      const handler = web(runtime, capture);
      for (const path of [`/q/${randomUUID()}`, "/sitemap.xml"]) {
        const reply = await get(handler, path);
        expect(reply?.status).toBe(503);
        expect(reply?.headers["retry-after"]).toBe("30");
        expect(reply?.body).toContain('<meta name="robots" content="noindex">');
      }
    }
    // An outage is the use case's warning; a defect is logged as an error where it happened and by the page.
    expect(logged.some((l) => l.msg === "web: question page failed")).toBe(true);
  });
});
