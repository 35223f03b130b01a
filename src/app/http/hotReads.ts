import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Effect } from "effect";
import { whoIsTyping } from "../../application/presence/whoIsTyping.js";
import { QuestionId, type UserId } from "../../domain/shared/ids.js";
import { questionInputs } from "../api/inputs/question.js";
import { regionInputs } from "../api/inputs/region.js";
import { searchInputs } from "../api/inputs/search.js";
import { noteOnline } from "../api/presence.js";
import {
  countPageView,
  questionListAnswer,
  questionPageAnswer,
  regionListAnswer,
  regionStatsAnswer,
  type Serialised,
  sharedWith,
  trendingAnswer,
} from "../api/publicReads.js";
import { resolveSession } from "../api/session.js";
import { listQueryOf } from "../api/warmUp.js";
import type { AppRuntime, AppServices } from "../layers.js";
import type { ReadYourWrites } from "../readYourWrites.js";
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

/** A signed-in reader this shared answer does not fit (their own question, withheld answers): tRPC answers them. */
class NotShared extends Error {}
const forViewer = (s: Serialised, viewer: UserId | null) =>
  viewer === null || sharedWith(s, viewer) ? Effect.succeed(s) : Effect.die(new NotShared());

/**
 * The public reads served as cached bytes, each with its input's schema and its cached answer (undefined: not this
 * path). `viewer`: the signed-in reader, who gets the shared bytes only where they see exactly what everyone sees.
 */
const HOT: Readonly<Record<string, (raw: unknown, clientKey: string, viewer: UserId | null) => Answer | undefined>> = {
  "question.get": (raw, clientKey, viewer) => {
    const input = questionInputs.get.safeParse(raw);
    if (!input.success) return undefined;
    const id = QuestionId(input.data.id);
    return Effect.flatMap(
      Effect.flatMap(questionPageAnswer(id), (s) => forViewer(s, viewer)),
      (s) =>
        Effect.map(
          Effect.all([countPageView(id, s, clientKey, viewer), whoIsTyping(id, viewer)], { concurrency: "unbounded" }),
          ([, typing]) => withTyping(s, typing),
        ),
    );
  },
  "question.list": (raw, _clientKey, viewer) => {
    const input = questionInputs.list.safeParse(raw);
    // Later pages come from the store (through tRPC).
    if (!input.success || input.data?.cursor) return undefined;
    return Effect.flatMap(questionListAnswer(listQueryOf(input.data)), (s) => forViewer(s, viewer));
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
 * The hot path: an unbatched GET of a public read is answered from the public cache's serialised bytes — no
 * tRPC, no JSON.stringify per request. Anonymous readers get the same Cache-Control, ETag and 304 as /trpc
 * gives. A signed-in reader (session cookie or bearer token, resolved through the session cache) gets the same
 * bytes as private, no-store when they see exactly what everyone sees: not right after their own write (read
 * your writes), not their own question, not a page that withheld answers. Anything else (a batch, a bad input,
 * a session that does not resolve, a failure such as not found) goes to `fallback`, tRPC, which answers it as
 * before. Returns whether it took the request.
 */
export const makeHotReads =
  (deps: {
    readonly runtime: AppRuntime;
    readonly clientKey: (req: IncomingMessage) => string;
    readonly sessionToken: (req: IncomingMessage) => string | null;
    readonly readYourWrites: ReadYourWrites;
  }) =>
  (req: IncomingMessage, res: ServerResponse, path: string, fallback: () => void): boolean => {
    if (req.method !== "GET") return false;
    const name = path.slice("/trpc/".length);
    const hot = HOT[name];
    const maxAge = PUBLIC_QUERIES[name];
    if (!hot || maxAge === undefined) return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const search = q < 0 ? "" : url.slice(q + 1);
    if (/(^|&)batch=/.test(search)) return false;
    let raw: unknown;
    try {
      raw = inputOf(search);
    } catch {
      return false;
    }
    const token = deps.sessionToken(req);
    const send = (s: Serialised, signedIn: boolean) => {
      const headers = signedIn
        ? { "Cache-Control": "private, no-store", ETag: s.etag, Vary: "Authorization, Cookie" }
        : {
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
    };
    const answer = (viewer: UserId | null) => {
      let effect: Answer | undefined;
      try {
        effect = hot(raw, deps.clientKey(req), viewer);
      } catch {
        effect = undefined;
      }
      if (!effect) return fallback();
      deps.runtime
        .runPromiseExit(effect)
        .then((exit) => (exit._tag === "Failure" ? fallback() : send(exit.value, viewer !== null)), fallback)
        .catch(() => res.destroy());
    };
    if (token === null) {
      answer(null);
      return true;
    }
    resolveSession(deps.runtime, token)
      .then((session) => {
        if (!session) return fallback();
        noteOnline(deps.runtime, session.userId);
        if (deps.readYourWrites.readsFromPrimary(session.userId)) return fallback();
        answer(session.userId);
      }, fallback)
      // Nothing above should throw; if it does, the connection is dropped rather than the process.
      .catch(() => res.destroy());
    return true;
  };
