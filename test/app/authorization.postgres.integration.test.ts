import { TRPCError } from "@trpc/server";
import { ManagedRuntime } from "effect";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppRuntime } from "../../src/app/layers.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { type ProcedureInfo, procedures } from "../../src/app/trpc/procedures.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { createCallerFactory } from "../../src/app/trpc/trpc.js";
import { flagPost } from "../../src/application/moderation/flagPost.js";
import { AnswerId, QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { machineDatabase, pgAppLayer, type TestDatabase } from "../support/postgres.js";

/**
 * Cross-user authorization, generated from the router: every procedure whose input carries an object id (a field
 * named id, ids, key or …Id, found in its input schema) must have a case below, or this test fails. In each case
 * user B acts on user A's object and gets FORBIDDEN or NOT_FOUND, nothing in the database changes, and an
 * `authorization_failed` line is logged. Procedures that act on other people's objects by design (liking,
 * answering, flagging, reading a public post) are tried on A's object hidden pending review, which B may not see.
 */

const ID_FIELD = /^(id|ids|key|.+Id)$/;

/** The id-like fields of a procedure's input (its zod schemas, as JSON Schema, optional wrappers included). */
const idFieldsOf = (p: ProcedureInfo): string[] =>
  p.inputs.flatMap((schema) => {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, unknown>;
      anyOf?: { properties?: Record<string, unknown> }[];
    };
    const properties = { ...json.properties, ...Object.assign({}, ...(json.anyOf ?? []).map((s) => s.properties ?? {})) };
    return Object.keys(properties).filter((k) => ID_FIELD.test(k));
  });

interface World {
  readonly qA: string;
  readonly aA: string;
  readonly cAnswer: string;
  readonly qHidden: string;
  readonly aHidden: string;
  readonly userA: string;
  readonly sessionA: string;
  readonly notificationsA: readonly string[];
  readonly uploadA: string;
  readonly followA: string;
  /** A webhook an admin registered: B (no admin) may neither remove it nor read its log. */
  readonly webhook: string;
}

type Case =
  | { readonly input: (w: World) => unknown }
  | { readonly publicRead: string }
  /** The id only positions the caller's own stream; the reason names the test that shows another's id reveals nothing. */
  | { readonly anchorOnly: string };

/** B's call on A's object, by procedure. `publicRead`: intended for everyone (the reason says why; no refusal expected). */
const CASES: Record<string, Case> = {
  "auth.revokeSession": { input: (w) => ({ sessionId: w.sessionA }) },
  "user.get": { publicRead: "profiles are public by design (the privacy settings decide which fields show)" },
  "badge.list": { publicRead: "badges are part of the public profile" },
  "question.list": { publicRead: "the author filter lists only listed (public) questions" },
  "notification.onNew": {
    anchorOnly:
      "lastEventId only says where the caller's own stream resumes; another user's id replays nothing (test/app/notification-push.e2e.test.ts)",
  },
  "question.get": { input: (w) => ({ id: w.qHidden }) },
  "question.revisions": { input: (w) => ({ id: w.qHidden }) },
  "question.like": { input: (w) => ({ id: w.qHidden }) },
  "presence.typing": { input: (w) => ({ questionId: w.qHidden }) },
  "question.close": { input: (w) => ({ id: w.qA }) },
  "question.update": { input: (w) => ({ id: w.qA, title: "남의 질문 제목을 바꿔 봅니다 정말로" }) },
  "question.delete": { input: (w) => ({ id: w.qA }) },
  "answer.create": { input: (w) => ({ questionId: w.qHidden, content: "숨겨진 질문에 답변을 달아 봅니다 정말로" }) },
  "answer.accept": { input: (w) => ({ answerId: w.cAnswer }) },
  "answer.like": { input: (w) => ({ id: w.aHidden }) },
  "answer.update": { input: (w) => ({ id: w.aA, content: "남의 답변을 고쳐 봅니다 충분히 길게" }) },
  "answer.delete": { input: (w) => ({ id: w.aA }) },
  "question.escalation": { input: (w) => ({ id: w.qA }) },
  "answer.revisions": { input: (w) => ({ id: w.aHidden }) },
  "notification.markRead": { input: (w) => ({ ids: w.notificationsA }) },
  "media.confirm": { input: (w) => ({ key: w.uploadA }) },
  "moderation.flag": { input: (w) => ({ targetType: "question", targetId: w.qHidden, reason: "spam" }) },
  "moderation.resolve": { input: (w) => ({ targetType: "question", targetId: w.qHidden, resolution: "restore" }) },
  "admin.setVerificationLevel": { input: (w) => ({ userId: w.userA, level: 3 }) },
  "admin.userData": { input: (w) => ({ userId: w.userA }) },
  "follow.remove": { input: (w) => ({ id: w.followA }) },
  "webhook.remove": { input: (w) => ({ id: w.webhook }) },
  "webhook.deliveries": { input: (w) => ({ webhookId: w.webhook }) },
};

/** Every data table, as rows, without the columns a signed-in request touches by itself (activity times, counters of limits). */
const TABLES = [
  "users",
  "questions",
  "answers",
  "question_likes",
  "answer_likes",
  "point_transactions",
  "notifications",
  "user_badges",
  "media_uploads",
  "post_revisions",
  "moderation_flags",
  "moderation_reviews",
  "moderation_audit",
  "domain_events",
  "event_deliveries",
  "idempotency_keys",
  "hashtags",
  "webhooks",
  "webhook_deliveries",
];
const IGNORED_COLUMNS = new Set(["last_active_at", "last_seen_at"]);

const snapshot = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const { rows } = await c.query(`SELECT * FROM ${t} ORDER BY 1`);
    out[t] = rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !IGNORED_COLUMNS.has(k))));
  }
  const sessions = await c.query("SELECT id, user_id, expires_at FROM sessions ORDER BY id");
  out.sessions = sessions.rows;
  await c.end();
  return out;
};

describe("authorization: user B on user A's objects (generated from the router, PostgreSQL)", () => {
  let db: TestDatabase;
  let runtime: AppRuntime;
  const logged: { event?: string; path?: string; code?: string }[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const createCaller = createCallerFactory(appRouter);
  const caller = async (token: string | null) =>
    createCaller(await createInnerContext({ runtime, logger, token, readYourWrites: makeReadYourWrites(0) }));
  let world: World;
  let tokenB = "";

  beforeAll(async () => {
    db = await machineDatabase();
    runtime = ManagedRuntime.make(pgAppLayer(db.url, 4)) as unknown as AppRuntime;
    const anon = await caller(null);
    const password = "비밀번호 2026 한라산";
    const reg = (n: string) => anon.auth.register({ email: `${n}@example.kr`, password, nickname: n });
    const a = await reg("a");
    const b = await reg("b");
    const c = await reg("c");
    const flaggers = [await reg("f1"), await reg("f2"), await reg("f3")];
    tokenB = b.token;
    const asA = await caller(a.token);
    const asC = await caller(c.token);
    const ask = (title: string) =>
      asA.question.ask({ title, content: "애월에서 궁금한 것이 있어서 질문을 올립니다 알려주세요.", regionCode: "KR-49-01-02" });
    const qA = await ask("A의 질문입니다 애월 맛집 알려주세요");
    const aA = await asA.answer.create({ questionId: qA.id, content: "제가 직접 찾아본 답을 적어 둡니다 참고하세요" });
    const cAnswer = await asC.answer.create({ questionId: qA.id, content: "C가 단 답변입니다 한림도 괜찮아요" });
    const qHidden = await ask("A의 숨겨질 질문입니다 알려주세요");
    const aHidden = await asA.answer.create({ questionId: qA.id, content: "A의 숨겨질 답변입니다 충분히 길게" });
    for (const f of flaggers) {
      await runtime.runPromise(flagPost({ type: "question", id: QuestionId(qHidden.id) }, UserId(f.user.id), "spam"));
      await runtime.runPromise(flagPost({ type: "answer", id: AnswerId(aHidden.id) }, UserId(f.user.id), "spam"));
    }
    const admin = await reg("admin");
    const c0 = new pg.Client({ connectionString: db.url });
    await c0.connect();
    await c0.query("UPDATE users SET role = 'admin' WHERE id = $1", [admin.user.id]);
    await c0.end();
    const webhook = await (await caller(admin.token)).webhook.create({
      regionCode: "KR-49-01",
      event: "question.urgent",
      url: "https://partner.example.kr/hooks",
    });
    const notifications = await asA.notification.list();
    const upload = await asA.media.createUpload({ contentType: "image/png", size: 1000 });
    world = {
      qA: qA.id,
      aA: aA.id,
      cAnswer: cAnswer.id,
      qHidden: qHidden.id,
      aHidden: aHidden.id,
      userA: a.user.id,
      sessionA: (await asA.auth.sessions()).items[0]?.id ?? "",
      notificationsA: notifications.items.map((n) => n.id),
      uploadA: upload.key,
      followA: (await asA.follow.add({ regionCode: "KR-49-01-02" })).id,
      webhook: webhook.id,
    };
    expect(world.notificationsA.length).toBeGreaterThan(0);
  }, 120_000);
  afterAll(async () => {
    await runtime?.dispose();
    await db?.drop();
  });

  const idTaking = () => procedures().filter((p) => idFieldsOf(p).length > 0);

  it("finds the id-taking procedures in the router, and every one has a case here", () => {
    const names = idTaking().map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["question.update", "answer.delete", "moderation.flag", "admin.setVerificationLevel"]));
    for (const name of names) expect(CASES[name], `${name} takes an object id: add its cross-user case to this test`).toBeDefined();
  });

  for (const [name, c] of Object.entries(CASES)) {
    if (!("input" in c)) continue;
    it(`${name}: B on A's object is FORBIDDEN or NOT_FOUND, changes nothing, and is logged`, async () => {
      const b = await caller(tokenB);
      const before = await snapshot(db.url);
      logged.length = 0;
      const procedure = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], b) as (
        i: unknown,
      ) => Promise<unknown>;
      const error = await procedure(c.input(world)).then(
        (value) => new Error(`succeeded: ${JSON.stringify(value)}`),
        (e: unknown) => e,
      );
      expect(error instanceof TRPCError ? error.code : String(error)).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect(await snapshot(db.url)).toEqual(before);
      expect(logged).toContainEqual(expect.objectContaining({ event: "authorization_failed", path: name }));
    });
  }

  it("public reads say why they are public", () => {
    for (const [name, c] of Object.entries(CASES)) if ("publicRead" in c) expect(c.publicRead.length, name).toBeGreaterThan(10);
    for (const [name, c] of Object.entries(CASES)) if ("anchorOnly" in c) expect(c.anchorOnly.length, name).toBeGreaterThan(10);
  });
});
