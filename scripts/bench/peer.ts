/**
 * The hand-written peer the benchmark measures the service beside: bare node:http and pg doing the same
 * queries — the session lookup by token digest for a bearer, question.get's one statement, question.list's
 * first page — with prepared statements and a pool the size of the service's. No cache, no framework.
 * `PEER_DATABASE_URL`, `PEER_POOL_SIZE`; prints `port N` when listening.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";
import { QUESTION_PAGE_SQL } from "../../src/adapters/postgres/PgQuestionPages.js";
import { QUESTIONS } from "../../src/adapters/postgres/rows.js";

const pool = new pg.Pool({ connectionString: process.env.PEER_DATABASE_URL, max: Number(process.env.PEER_POOL_SIZE ?? 16) });
const LIST = {
  newest: `SELECT ${QUESTIONS.select} FROM questions WHERE deleted_at IS NULL AND status <> 'hidden' ORDER BY created_at DESC, id DESC LIMIT 21`,
  popular: `SELECT ${QUESTIONS.select} FROM questions WHERE deleted_at IS NULL AND status <> 'hidden' ORDER BY popularity_rank DESC, created_at DESC, id DESC LIMIT 21`,
};
const SESSION = "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL WHERE s.token_digest = $1";

const send = (res: import("node:http").ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://peer");
  const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  void (async () => {
    if (token) {
      const digest = createHash("sha256").update(token).digest("base64url");
      const s = await pool.query({ name: "session", text: SESSION, values: [digest] });
      if (s.rowCount === 0) return send(res, 401, '{"error":"UNAUTHORIZED"}');
    }
    if (url.pathname === "/get") {
      const r = await pool.query({ name: "page", text: QUESTION_PAGE_SQL, values: [url.searchParams.get("id")] });
      const page = r.rows[0]?.page;
      return page ? send(res, 200, JSON.stringify({ result: { data: page } })) : send(res, 404, '{"error":"NOT_FOUND"}');
    }
    if (url.pathname === "/list") {
      const sort = url.searchParams.get("sort") === "popular" ? "popular" : "newest";
      const r = await pool.query({ name: `list-${sort}`, text: LIST[sort] });
      return send(res, 200, JSON.stringify({ result: { data: { items: r.rows.slice(0, 20), nextCursor: null } } }));
    }
    send(res, 404, '{"error":"NOT_FOUND"}');
  })().catch(() => send(res, 500, '{"error":"INTERNAL"}'));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`port ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
