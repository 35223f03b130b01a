import { randomBytes } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnPostgres, startOwnPostgres } from "../support/ownPostgres.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { freePort } from "../support/processes.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";
import { startServer } from "../support/serverProcess.js";

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
};

const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) => {
  const until = Date.now() + ms;
  let last = await probe();
  while (!done(last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    last = await probe();
  }
  return last;
};

/** Accepts connections and never answers: a dependency that hangs. */
const blackHole = async () => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
};

describe("readiness checks each dependency, against the running service", () => {
  let db: OwnPostgres;
  beforeAll(async () => {
    db = await startOwnPostgres();
  });
  afterAll(() => db?.remove());

  it("503 naming the database when it is stopped or frozen; ready again when it is back", async () => {
    const server = await startServer({ DATABASE_URL: db.url });
    try {
      expect(await readyz(server.url)).toEqual({ status: 200, body: { status: "ready", checks: { database: "up" } } });

      db.stop();
      expect(await readyz(server.url)).toEqual({ status: 503, body: { status: "unavailable", checks: { database: "down" } } });
      // The log line may follow the answer by a moment.
      await server.logged("readiness: unavailable");
      db.start();
      expect(
        await eventually(
          () => readyz(server.url),
          (r) => r.status === 200,
        ),
      ).toEqual({
        status: 200,
        body: { status: "ready", checks: { database: "up" } },
      });

      // A server that accepts connections and never answers must not hang /readyz.
      const postmaster = db.pid();
      process.kill(postmaster, "SIGSTOP");
      try {
        expect(await readyz(server.url)).toEqual({ status: 503, body: { status: "unavailable", checks: { database: "down" } } });
      } finally {
        process.kill(postmaster, "SIGCONT");
      }
      expect(
        (
          await eventually(
            () => readyz(server.url),
            (r) => r.status === 200,
          )
        ).body.status,
      ).toBe("ready");
    } finally {
      await server.stop();
    }
  });

  describe("on the machine's PostgreSQL", () => {
    let machine: TestDatabase;
    beforeAll(async () => {
      machine = await machineDatabase();
    });
    afterAll(() => machine?.drop());

    it("degraded, not unready, with the search engine hanging and a read replica down: both named", async () => {
      const engine = await blackHole();
      const closedPort = await freePort();
      const server = await startServer({
        DATABASE_URL: machine.url,
        DATABASE_REPLICA_URLS: `postgres://postgres@127.0.0.1:${closedPort}/nowhere`,
        SEARCH_ENGINE_URL: engine.url,
      });
      try {
        expect(await readyz(server.url)).toEqual({
          status: 200,
          body: { status: "degraded", checks: { database: "up", databaseReplica1: "down", searchEngine: "down" } },
        });
        await server.logged("readiness: degraded");
      } finally {
        await server.stop();
        await engine.close();
      }
    });

    it("ready with the real engine once its index exists", async () => {
      const alias = `dongne-ready-${randomBytes(4).toString("hex")}`;
      const server = await startServer({ DATABASE_URL: machine.url, SEARCH_ENGINE_URL, SEARCH_INDEX_ALIAS: alias });
      try {
        expect(
          await eventually(
            () => readyz(server.url),
            (r) => r.body.status === "ready",
          ),
        ).toEqual({
          status: 200,
          body: { status: "ready", checks: { database: "up", searchEngine: "up" } },
        });
      } finally {
        await server.stop();
        await searchClient()
          .indices.delete({ index: `${alias}-*` })
          .catch(() => {});
      }
    });
  });
});
