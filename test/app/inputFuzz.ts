import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { ZodError } from "zod";
import { ApiFailure } from "../../src/app/api/run.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { createCallerFactory } from "../../src/app/trpc/trpc.js";
import { CONSENT_KINDS } from "../../src/domain/privacy/consent.js";
import { CATEGORIES } from "../../src/domain/question/category.js";
import { QUESTION_SORTS } from "../../src/domain/question/ordering.js";
import { URGENCIES } from "../../src/domain/question/question.js";
import { hasForbiddenCharacters } from "../../src/domain/shared/userText.js";

/**
 * Arbitrary strings, ids and cursors for every procedure, through createCaller, on whatever runtime the
 * test builds: whatever comes in, the answer is a value or a typed error, never INTERNAL_SERVER_ERROR.
 */

const createCaller = createCallerFactory(appRouter);
const logger = makeLogger(process.env.FUZZ_LOG ?? "silent");
const readYourWrites = makeReadYourWrites(0);

// What breaks databases, logs and readers: NUL and other controls, lone surrogates, invisible padding,
// bidi overrides, Hangul fillers, quoting and LIKE metacharacters.
const NASTY = [
  "\u0000",
  "\u0001",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2069",
  "\u2060",
  "\ufeff",
  "\u00ad",
  "\u3164",
  "\uffa0",
  "\u115f",
  "\u1160",
  "\ud800",
  "\udfff",
  "\uffff",
  "\u{e0001}",
  "\ufe0f",
  "\u2800",
  "\t",
  "\n",
  "\r",
  " ",
  "\u3000",
  "'",
  '"',
  "\\",
  "%",
  "_",
  "#",
  "<mark>",
  "'; DROP TABLE users; --",
];

const nastyText = fc
  .array(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) }),
    {
      maxLength: 16,
    },
  )
  .map((parts) => parts.join(""));

/** Mostly a valid value with something nasty spliced in, so the text passes length rules and reaches the store. */
const textLike = (valid: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(nastyText, fc.nat(valid.length)).map(([n, i]) => valid.slice(0, i) + n + valid.slice(i)) },
    { weight: 1, arbitrary: nastyText },
    { weight: 1, arbitrary: fc.constant(valid) },
  );

const enc = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

export interface FuzzWorld {
  readonly runtime: AppRuntime;
  /** A registered user's session: the caller of every procedure. */
  readonly token: string;
  readonly email: string;
  readonly password: string;
  readonly ids: readonly string[];
  /** A question of the caller's that only question.close may close, so answers keep reaching the store. */
  readonly closableId: string;
  readonly cursors: readonly string[];
}

const idLike = (real: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: nastyText },
    { weight: 1, arbitrary: fc.string() },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...real), fc.nat(36), nastyText)
        .map(([id, i, n]) => id.slice(0, i) + n + id.slice(i))
        .chain((id) => fc.constantFrom(id, id.toUpperCase(), id.replaceAll("-", ""), `{${id}}`, ` ${id} `)),
    },
    { weight: 1, arbitrary: fc.constantFrom("", "missing", "0", "00000000-0000-0000-0000-000000000000", "null") },
  );

const cursorLike = (w: FuzzWorld) => {
  const ids = idLike(w.ids);
  const key = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e20, -1e20, 8.64e15 + 1, 0.5, -3, 2 ** 31), ids);
  return fc.oneof(
    fc.constantFrom(...w.cursors),
    nastyText,
    fc.string(),
    fc.jsonValue().map(enc),
    fc.record({ n: ids }).map(enc),
    fc.record({ e: ids }).map(enc),
    fc.record({ o: key, d: ids }).map(enc),
    fc.record({ s: fc.constantFrom(...QUESTION_SORTS), k: fc.array(key, { maxLength: 4 }) }).map(enc),
  );
};

// Vanishing values underflow PostgreSQL's earthdistance arithmetic.
const tiny = fc.constantFrom(5e-324, -5e-324, 1e-310, -0);
const latLike = fc.oneof(fc.double(), tiny, fc.double({ min: 33.1, max: 33.6, noNaN: true }));
const lngLike = fc.oneof(fc.double(), tiny, fc.double({ min: 126.1, max: 126.9, noNaN: true }));
const radiusLike = fc.oneof(fc.double(), tiny, fc.double({ min: 0.1, max: 10, noNaN: true }));
const regionLike = fc.oneof(fc.constantFrom("KR-49", "KR-49-01", "KR-49-02-05", "KR-49-01-01"), nastyText, textLike("KR-49-01"));
const limitLike = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer(), fc.double());
const dateLike = fc.date({ noInvalidDate: true, min: new Date("0001-01-01"), max: new Date("9999-12-31") }).map((d) => d.toISOString());
const opt = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });
const orNothing = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** A well-formed input shape with arbitrary values, for every procedure that takes input. */
const shapedInputs = (w: FuzzWorld): Record<string, fc.Arbitrary<unknown>> => {
  const id = idLike(w.ids);
  const cursor = cursorLike(w);
  const mediaKey = fc.oneof(textLike("questions/photo.jpg"), textLike("../../etc/passwd"), fc.uuid(), fc.constantFrom(...w.ids));
  const images = fc.array(mediaKey, { maxLength: 3 });
  return {
    "auth.register": fc.record({
      email: textLike("fuzz@example.kr"),
      password: textLike("비밀번호12345"),
      nickname: textLike("퍼즈"),
      regionCode: orNothing(regionLike),
    }),
    "auth.login": fc.record({ email: fc.oneof(fc.constant(w.email), textLike(w.email)), password: textLike(w.password) }),
    // Never the caller's real password: a change would end the session the rest of the run uses.
    "auth.changePassword": fc.record({ currentPassword: textLike("다른비밀번호0000"), newPassword: textLike("새비밀번호12345") }),
    "auth.revokeSession": fc.record({ sessionId: id }),
    "user.get": fc.record({ id }),
    "user.verifyLocal": fc.record({ lat: latLike, lng: lngLike }),
    "user.setConsent": fc.record({ kind: fc.oneof(fc.constantFrom(...CONSENT_KINDS), textLike("location")), granted: fc.boolean() }),
    "user.locationLog": orNothing(opt({ limit: fc.oneof(fc.integer(), fc.double()) })),
    // Never the caller's real password: a deletion would end the account the rest of the run uses.
    "user.deleteAccount": fc.record({ password: textLike("다른비밀번호0000") }),
    "admin.userData": fc.record({ userId: id }),
    "region.list": orNothing(opt({ parentCode: regionLike })),
    "region.locate": fc.record({ lat: latLike, lng: lngLike }),
    "region.stats": fc.record({ regionCode: regionLike }),
    "presence.online": fc.record({ regionCode: regionLike }),
    "presence.typing": fc.record({ questionId: id }),
    "question.ask": fc.record(
      {
        title: textLike("협재해수욕장 근처 주차 가능한가요?"),
        content: textLike("주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요."),
        hashtags: fc.array(textLike("주차"), { maxLength: 4 }),
        regionCode: regionLike,
        category: fc.constantFrom(...CATEGORIES),
        urgency: fc.constantFrom(...URGENCIES),
        location: fc.record({ lat: latLike, lng: lngLike, description: orNothing(textLike("협재해수욕장 입구")) }),
        images,
      },
      { requiredKeys: ["title", "content"] },
    ),
    "question.get": fc.record({ id }),
    "question.escalation": fc.record({ id }),
    "question.list": orNothing(
      opt({
        regionCode: regionLike,
        category: fc.constantFrom(...CATEGORIES),
        status: fc.constantFrom("open", "answered", "closed"),
        authorId: id,
        sort: fc.constantFrom(...QUESTION_SORTS),
        cursor,
        limit: limitLike,
      }),
    ),
    "question.nearby": fc.record({
      lat: latLike,
      lng: lngLike,
      radiusKm: radiusLike,
      limit: orNothing(limitLike),
    }),
    "question.similar": fc.record(
      {
        title: textLike("협재해수욕장 주차 자리 있나요?"),
        content: textLike("주말 오전에 가려고 해요."),
        regionCode: regionLike,
        location: fc.record({ lat: latLike, lng: lngLike }),
      },
      { requiredKeys: ["title"] },
    ),
    "question.like": fc.record({ id }),
    "question.close": fc.record({ id: idLike([w.closableId]) }),
    "answer.create": fc.record(
      { questionId: id, content: textLike("해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요."), images },
      { requiredKeys: ["questionId", "content"] },
    ),
    "answer.accept": fc.record({ answerId: id }),
    "answer.like": fc.record({ id }),
    "question.update": fc.record(
      {
        id: idLike([w.closableId]),
        title: textLike("협재해수욕장 근처 주차 가능한가요?"),
        content: textLike("주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요."),
        hashtags: fc.array(textLike("주차"), { maxLength: 4 }),
        regionCode: regionLike,
        category: fc.constantFrom(...CATEGORIES),
        urgency: fc.constantFrom(...URGENCIES),
        location: fc.record({ lat: latLike, lng: lngLike, description: orNothing(textLike("협재해수욕장 입구")) }),
      },
      { requiredKeys: ["id"] },
    ),
    "question.delete": fc.record({ id }),
    "question.revisions": fc.record({ id: idLike([w.closableId]) }),
    "answer.update": fc.record({ id, content: textLike("해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요.") }),
    "answer.delete": fc.record({ id }),
    "answer.revisions": fc.record({ id }),
    "moderation.flag": fc.record({
      targetType: fc.constantFrom("question", "answer", "user"),
      targetId: idLike([w.closableId]),
      reason: fc.constantFrom("spam", "abuse", "off_topic", "personal_info", "other", "nope"),
    }),
    "moderation.queue": orNothing(opt({ cursor, limit: limitLike })),
    "moderation.resolve": fc.record({
      targetType: fc.constantFrom("question", "answer"),
      targetId: idLike([w.closableId]),
      resolution: fc.constantFrom("restore", "hide", "delete", "burn"),
    }),
    "admin.setVerificationLevel": fc.record({ userId: id, level: fc.constantFrom(0, 1, 2, 3, 4, -1, 2.5) }),
    "points.history": orNothing(opt({ cursor, limit: limitLike })),
    "badge.list": fc.record({ userId: id }),
    "notification.list": orNothing(opt({ cursor, unreadOnly: fc.boolean(), limit: limitLike })),
    "notification.markRead": fc.record({ ids: fc.array(id, { minLength: 1, maxLength: 3 }) }),
    "notification.updateSettings": opt({
      kinds: opt({ answers: fc.boolean(), badges: fc.boolean(), follows: fc.boolean() }),
      quietHours: fc.oneof(
        fc.constant(null),
        fc.record({ start: fc.constantFrom("22:00", "24:00", "7:00", "08:00"), end: fc.oneof(textLike("08:00"), fc.constant("22:00")) }),
      ),
      dailyDigest: fc.boolean(),
    }),
    "follow.add": opt({ regionCode: regionLike, hashtag: textLike("#흑돼지") }),
    "follow.remove": fc.record({ id }),
    "webhook.create": fc.record({
      regionCode: regionLike,
      event: fc.constantFrom("question.accepted", "question.urgent", "question.asked"),
      url: fc.oneof(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom("https://127.0.0.1/", "http://[::1]:80/", "https://u:p@partner.example.kr/", "javascript:alert(1)"),
        textLike("https://partner.example.kr/hooks"),
      ),
    }),
    "webhook.remove": fc.record({ id }),
    "webhook.deliveries": fc.record({ webhookId: id, limit: limitLike, cursor }, { requiredKeys: ["webhookId"] }),
    "notification.onNew": orNothing(fc.record({ lastEventId: fc.oneof(id, fc.string({ maxLength: 120 }), fc.constant(null)) })),
    "search.questions": orNothing(
      opt({
        query: textLike("협재 주차"),
        filters: opt({
          regionCode: regionLike,
          category: fc.constantFrom(...CATEGORIES),
          hashtags: fc.array(textLike("주차"), { maxLength: 3 }),
          urgency: fc.constantFrom(...URGENCIES),
          hasAnswers: fc.boolean(),
          localOnly: fc.boolean(),
          dateFrom: dateLike,
          dateTo: dateLike,
        }),
        location: fc.record({ lat: latLike, lng: lngLike, radiusKm: radiusLike }),
        sort: fc.constantFrom("relevance", "newest", "popular", "popularity", "most_views"),
        page: limitLike,
        size: limitLike,
      }),
    ),
    "search.suggest": fc.record({ prefix: textLike("협재"), size: limitLike, regionCode: regionLike }, { requiredKeys: ["prefix"] }),
    "search.trending": orNothing(opt({ range: fc.oneof(fc.constantFrom("24h", "7d"), nastyText) })),
    "media.createUpload": fc.record({
      contentType: fc.oneof(fc.constantFrom("image/jpeg", "image/png", "image/webp", "image/heic", "IMAGE/JPEG ", "text/html"), nastyText),
      size: fc.oneof(fc.integer(), fc.double(), fc.integer({ min: 1, max: 20 * 1024 * 1024 })),
    }),
    "media.confirm": fc.record({ key: mediaKey }),
  };
};

export const procedurePaths = (): string[] => Object.keys(appRouter._def.procedures).sort();

const takesInput = (path: string) =>
  ((appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)[path]?._def.inputs.length ?? 0) > 0;

/** Input for one procedure: its shape with arbitrary values, or any JSON at all. */
export const inputsFor = (w: FuzzWorld, path: string): fc.Arbitrary<unknown> => {
  const shaped = shapedInputs(w)[path];
  if (takesInput(path) && !shaped) throw new Error(`no fuzz inputs for ${path}: add its shape to test/app/inputFuzz.ts`);
  return shaped ? fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.jsonValue() }) : fc.constant(undefined);
};

const callerFor = async (w: FuzzWorld, token: string) =>
  createCaller(await createInnerContext({ runtime: w.runtime, logger, token, readYourWrites }));

export const invoke = async (w: FuzzWorld, path: string, input: unknown): Promise<unknown> => {
  // Logging out ends a session: give it its own, so the caller's stays valid for the rest of the run.
  const token =
    path === "auth.logout" ? (await (await callerFor(w, "")).auth.login({ email: w.email, password: w.password })).token : w.token;
  const caller = await callerFor(w, token);
  const [group, name] = path.split(".") as [string, string];
  const procedure = (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[group]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure(input);
};

// No stored or echoed text may carry a control character, a lone surrogate or a bidi control once past the edge.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const unsafeString = (value: unknown): string | undefined => {
  if (typeof value === "string") return hasForbiddenCharacters(value) || BIDI.test(value) ? value : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const v of Object.values(value)) {
    const found = unsafeString(v);
    if (found !== undefined) return found;
  }
  return undefined;
};

/** A value without unsafe characters, or a typed error: never INTERNAL, and a 400 always says what was wrong. */
export const assertHandled = async (w: FuzzWorld, path: string, input: unknown) => {
  const outcome = await invoke(w, path, input).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ("value" in outcome) {
    const unsafe = unsafeString(outcome.value);
    if (unsafe !== undefined) throw new Error(`${path} echoed unsafe characters: ${JSON.stringify(unsafe)}`);
    return;
  }
  const error = outcome.error;
  if (!(error instanceof TRPCError)) throw error;
  if (error.code === "INTERNAL_SERVER_ERROR") throw new Error(`${path} failed with INTERNAL_SERVER_ERROR for ${JSON.stringify(input)}`);
  if (error.code === "BAD_REQUEST" && !(error.cause instanceof ApiFailure) && !(error.cause instanceof ZodError))
    throw new Error(`${path} gave an untyped BAD_REQUEST (${error.message}) for ${JSON.stringify(input)}`);
};

/** Two users, questions, an answer and notifications, so that real ids and cursors are in play. */
export const makeWorld = async (runtime: AppRuntime): Promise<FuzzWorld> => {
  const anon = createCaller(await createInnerContext({ runtime, logger, readYourWrites }));
  const email = "fuzz-caller@example.kr";
  const password = "비밀번호12345";
  const me = await anon.auth.register({ email, password, nickname: "퍼즈호출", regionCode: "KR-49-01-01" });
  const other = await anon.auth.register({ email: "fuzz-other@example.kr", password, nickname: "퍼즈이웃" });
  const mine = createCaller(await createInnerContext({ runtime, logger, token: me.token, readYourWrites }));
  const theirs = createCaller(await createInnerContext({ runtime, logger, token: other.token, readYourWrites }));
  const ask = (c: typeof mine, title: string) =>
    c.question.ask({ title, content: "주말에 가려는데 주차장이 넉넉한지 궁금해요. 알려 주세요.", regionCode: "KR-49-01-01" });
  const q1 = await ask(theirs, "협재해수욕장 근처 주차 가능한가요?");
  const q2 = await ask(theirs, "한림 공원 근처 주차 가능한가요?");
  const closable = await ask(mine, "애월 카페 근처 주차 가능한가요?");
  const answer = await mine.answer.create({ questionId: q1.id, content: "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요." });
  await theirs.answer.create({ questionId: closable.id, content: "한담 쪽 카페들이 주차장이 넓어요. 추천합니다." });
  const notes = await mine.notification.list({ limit: 1 });
  const points = await mine.points.history({ limit: 1 });
  const cursors = [
    (await anon.question.list({ limit: 1 })).nextCursor,
    (await anon.question.list({ limit: 1, sort: "popular" })).nextCursor,
    notes.nextCursor,
    points.nextCursor,
  ].filter((c): c is string => typeof c === "string");
  return {
    runtime,
    token: me.token,
    email,
    password,
    ids: [me.user.id, other.user.id, q1.id, q2.id, closable.id, answer.id, ...notes.items.map((n) => n.id)],
    closableId: closable.id,
    cursors: cursors.length > 0 ? cursors : ["x"],
  };
};
