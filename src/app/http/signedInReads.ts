import type { IncomingMessage, ServerResponse } from "node:http";
import { Effect } from "effect";
import { ReadFromPrimary } from "../../application/ports/ReadConsistency.js";
import { listQuestions } from "../../application/question/listQuestions.js";
import { QuestionId, UserId } from "../../domain/shared/ids.js";
import { questionInputs } from "../api/inputs/question.js";
import { imageLinksFor } from "../api/media.js";
import { noteOnline } from "../api/presence.js";
import { signedInQuestionDetail } from "../api/publicReads.js";
import { resolveSession } from "../api/session.js";
import { pageView, questionView } from "../api/views.js";
import type { AppRuntime, AppServices } from "../layers.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { bearer, sessionCookieOf } from "../trpc/context.js";
import { PRIVATE } from "./httpCache.js";

type Read = (userId: UserId, clientKey: string) => Effect.Effect<unknown, unknown, AppServices>;

/** The signed-in reads taken before tRPC, each with its input's schema (undefined: not this path). */
const READS: Readonly<Record<string, (raw: unknown) => Read | undefined>> = {
  "question.get": (raw) => {
    const input = questionInputs.get.safeParse(raw);
    return input.success ? (userId, clientKey) => signedInQuestionDetail(QuestionId(input.data.id), userId, clientKey) : undefined;
  },
  "question.list": (raw) => {
    const input = questionInputs.list.safeParse(raw);
    if (!input.success) return undefined;
    const query = { ...input.data, authorId: input.data?.authorId ? UserId(input.data.authorId) : undefined };
    return (userId) => Effect.flatMap(listQuestions(query), (page) => imageLinksFor(userId, pageView(page, questionView)));
  },
};

const inputOf = (search: string): unknown => {
  const encoded = new URLSearchParams(search).get("input");
  return encoded === null ? undefined : (JSON.parse(encoded) as unknown);
};

/**
 * The signed-in `question.get` and `question.list` (unbatched GETs with a bearer token or the session
 * cookie) answered before tRPC: the session from its cache, the use case and its links in one run of the
 * runtime (read-your-writes as `run` applies it), the answer written as tRPC writes it, `private, no-store`.
 * The same use cases and views as the procedures in src/app/trpc/routers/question.ts; what tRPC's fetch
 * adapter, context and middleware cost per request (most of a signed-in read's CPU) is skipped. Anything
 * else — no or an unknown session, a batch, an input the schema refuses, any failure (not found, a store
 * down) — goes to `fallback`, tRPC, which answers it as before (its typed error, its log line).
 */
export const makeSignedInReads =
  (deps: {
    readonly runtime: AppRuntime;
    readonly readYourWrites: ReadYourWrites;
    readonly cookieSecure: boolean;
    readonly clientKey: (req: IncomingMessage) => string;
  }) =>
  (req: IncomingMessage, res: ServerResponse, path: string, fallback: () => void): boolean => {
    if (req.method !== "GET") return false;
    const token = bearer(req.headers.authorization) ?? sessionCookieOf(req, deps.cookieSecure);
    if (!token) return false;
    const make = READS[path.slice("/trpc/".length)];
    if (!make) return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const search = q < 0 ? "" : url.slice(q + 1);
    if (/(^|&)batch=/.test(search)) return false;
    let read: Read | undefined;
    try {
      read = make(inputOf(search));
    } catch {
      read = undefined;
    }
    if (!read) return false;
    const answer = read;
    resolveSession(deps.runtime, token)
      .then(async (session) => {
        if (!session) return fallback();
        noteOnline(deps.runtime, session.userId);
        const primary = deps.readYourWrites.readsFromPrimary(session.userId);
        const exit = await deps.runtime.runPromiseExit(
          Effect.provideService(answer(session.userId, deps.clientKey(req)), ReadFromPrimary, primary),
        );
        if (exit._tag === "Failure") return fallback();
        const body = `{"result":{"data":${JSON.stringify(exit.value)}}}`;
        res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": PRIVATE, "Content-Length": Buffer.byteLength(body) });
        res.end(body);
      })
      .catch(fallback);
    return true;
  };
