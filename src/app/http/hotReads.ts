import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Effect } from "effect";
import { whoIsTyping } from "../../application/presence/whoIsTyping.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { questionInputs } from "../api/inputs/question.js";
import { regionInputs } from "../api/inputs/region.js";
import { searchInputs } from "../api/inputs/search.js";
import {
  countPageView,
  questionListAnswer,
  questionPageAnswer,
  regionListAnswer,
  regionStatsAnswer,
  type Serialised,
  trendingAnswer,
} from "../api/publicReads.js";
import { listQueryOf } from "../api/warmUp.js";
import type { AppRuntime, AppServices } from "../layers.js";
import { PUBLIC_QUERIES } from "./httpCache.js";

type Answer = Effect.Effect<Serialised, unknown, AppServices>;

/**
 * Who is typing goes beside the shared page, never into it: spliced into the cached bytes per request
 * (`{"result":{"data":{…,"typing":[…]}}}`), its digest appended to the page's ETag.
 */
const withTyping = (s: Serialised, typing: readonly string[]): Serialised => {
  const list = JSON.stringify(typing);
  const body = `${s.body.slice(0, -3)},"typing":${list}}}}`;
  if (typing.length === 0) return { ...s, body };
  return { ...s, body, etag: `${s.etag.slice(0, -1)}.${createHash("sha1").update(list).digest("base64url").slice(0, 10)}"` };
};

/** The public reads served as cached bytes, each with its input's schema and its cached answer (undefined: not this path). */
const HOT: Readonly<Record<string, (raw: unknown, clientKey: string) => Answer | undefined>> = {
  "question.get": (raw, clientKey) => {
    const input = questionInputs.get.safeParse(raw);
    if (!input.success) return undefined;
    const id = QuestionId(input.data.id);
    return Effect.flatMap(questionPageAnswer(id), (s) =>
      Effect.map(Effect.all([countPageView(id, s, clientKey), whoIsTyping(id, null)], { concurrency: "unbounded" }), ([, typing]) =>
        withTyping(s, typing),
      ),
    );
  },
  "question.list": (raw) => {
    const input = questionInputs.list.safeParse(raw);
    // Later pages come from the store (through tRPC).
    if (!input.success || input.data?.cursor) return undefined;
    return questionListAnswer(listQueryOf(input.data));
  },
  "region.list": (raw) => {
    const input = regionInputs.list.safeParse(raw);
    return input.success ? regionListAnswer(input.data?.parentCode) : undefined;
  },
  "region.stats": (raw) => {
    const input = regionInputs.stats.safeParse(raw);
    return input.success ? regionStatsAnswer(input.data.regionCode) : undefined;
  },
  "search.trending": (raw) => {
    const input = searchInputs.trending.safeParse(raw);
    return input.success ? trendingAnswer(input.data?.range ?? "24h") : undefined;
  },
};

const inputOf = (search: string): unknown => {
  const encoded = new URLSearchParams(search).get("input");
  if (encoded === null) return undefined;
  return JSON.parse(encoded) as unknown;
};

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(",").some((t) => t.trim() === etag || t.trim() === "*") ?? false;

/**
 * The hot path: an anonymous, unbatched GET of a public read is answered from the public cache's serialised
 * bytes — no tRPC, no JSON.stringify per request — with the same Cache-Control, ETag and 304 as /trpc gives.
 * Anything else (a session cookie or token, a batch, a bad input, a failure such as not found) goes to
 * `fallback`, tRPC, which answers it as before. Returns whether it took the request.
 */
export const makeHotReads =
  (deps: { readonly runtime: AppRuntime; readonly clientKey: (req: IncomingMessage) => string; readonly sessionCookie: string }) =>
  (req: IncomingMessage, res: ServerResponse, path: string, fallback: () => void): boolean => {
    if (req.method !== "GET" || req.headers.authorization !== undefined) return false;
    if (req.headers.cookie?.includes(deps.sessionCookie)) return false;
    const name = path.slice("/trpc/".length);
    const hot = HOT[name];
    const maxAge = PUBLIC_QUERIES[name];
    if (!hot || maxAge === undefined) return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const search = q < 0 ? "" : url.slice(q + 1);
    if (/(^|&)batch=/.test(search)) return false;
    let answer: Answer | undefined;
    try {
      answer = hot(inputOf(search), deps.clientKey(req));
    } catch {
      answer = undefined;
    }
    if (!answer) return false;
    deps.runtime.runPromiseExit(answer).then((exit) => {
      if (exit._tag === "Failure") return fallback();
      const s = exit.value;
      const headers = {
        "Cache-Control": `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 6}`,
        ETag: s.etag,
        Vary: "Authorization, Cookie",
      };
      if (matches(req.headers["if-none-match"], s.etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(s.body) });
      res.end(s.body);
    }, fallback);
    return true;
  };
