import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { Effect } from "effect";
import { questionViewKey } from "../../application/cache/invalidateCaches.js";
import { Presence } from "../../application/ports/Presence.js";
import { PublicCache } from "../../application/ports/PublicCache.js";
import type { SessionRecord } from "../../application/ports/SessionStore.js";
import { ViewCounter } from "../../application/ports/ViewCounter.js";
import { whoIsTyping } from "../../application/presence/whoIsTyping.js";
import { viewerOf } from "../../application/question/countView.js";
import { QuestionId, UserId } from "../../domain/shared/ids.js";
import { questionInputs } from "../api/inputs/question.js";
import { regionInputs } from "../api/inputs/region.js";
import { searchInputs } from "../api/inputs/search.js";
import { noteOnline } from "../api/presence.js";
import {
  countPageView,
  questionListAnswer,
  questionListKey,
  questionPageAnswer,
  regionListAnswer,
  regionListKey,
  regionStatsAnswer,
  regionStatsKey,
  type Serialised,
  sharedWith,
  trendingAnswer,
  trendingKey,
} from "../api/publicReads.js";
import { peekSession, resolveSession } from "../api/session.js";
import { listQueryOf } from "../api/warmUp.js";
import type { AppRuntime, AppServices } from "../layers.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { PUBLIC_QUERIES } from "./httpCache.js";

/** What goes out: the body's bytes and its ETag. */
interface Reply {
  readonly bytes: Buffer;
  readonly etag: string;
  /** The bytes are a cached copy's, encoded once: worth compressing once too. */
  readonly kept: boolean;
}
type Answer = Effect.Effect<Reply, unknown, AppServices>;

// Each cached answer's bytes, encoded once per cached copy (the cache hands out the same object while it
// holds it), so a hit costs no UTF-8 encoding of a page of Korean text.
const encoded = new WeakMap<Serialised, Buffer>();
const once = (memo: WeakMap<Serialised, Buffer>, s: Serialised, body: () => string) => {
  let bytes = memo.get(s);
  if (bytes === undefined) {
    bytes = Buffer.from(body());
    memo.set(s, bytes);
  }
  return bytes;
};
const plain = (s: Serialised): Reply => ({ bytes: once(encoded, s, () => s.body), etag: s.etag, kept: true });

/** Below this a body goes out as it is (gzip's header and the work would not pay). */
const COMPRESS_FROM_BYTES = 1_024;
// A kept copy's gzip, made the first time a client that accepts it asks (a list page of Korean text: ~5× smaller).
const gzipped = new WeakMap<Buffer, Buffer>();
const gzipOf = (bytes: Buffer) => {
  let z = gzipped.get(bytes);
  if (z === undefined) {
    z = gzipSync(bytes);
    gzipped.set(bytes, z);
  }
  return z;
};
const acceptsGzip = (header: string | string[] | undefined) =>
  typeof header === "string" && /(^|,)\s*gzip\s*(,|;(?!\s*q=0(\.0*)?\s*(,|$))|$)/i.test(header);

/**
 * Who is typing goes beside the shared page, never into it: spliced into the cached bytes per request
 * (`{"result":{"data":{…,"typing":[…]}}}`), its digest appended to the page's ETag. Nobody typing (nearly
 * always) is encoded once per cached copy too.
 */
const nobodyTyping = new WeakMap<Serialised, Buffer>();
const spliced = (s: Serialised, list: string) => `${s.body.slice(0, -3)},"typing":${list}}}}`;
const withTyping = (s: Serialised, typing: readonly string[]): Reply => {
  if (typing.length === 0) return { bytes: once(nobodyTyping, s, () => spliced(s, "[]")), etag: s.etag, kept: true };
  const list = JSON.stringify(typing);
  return {
    kept: false,
    bytes: Buffer.from(spliced(s, list)),
    etag: `${s.etag.slice(0, -1)}.${createHash("sha1").update(list).digest("base64url").slice(0, 10)}"`,
  };
};

/** A signed-in reader this shared answer does not fit (their own question, withheld answers): tRPC answers them. */
class NotShared extends Error {}
const forViewer = (s: Serialised, viewer: UserId | null) =>
  viewer === null || sharedWith(s, viewer) ? Effect.succeed(s) : Effect.die(new NotShared());

/** The ports a hit is answered from without running an effect (HOT's synchronous branch). */
interface FastPorts {
  readonly cache: PublicCache["Service"];
  readonly views: ViewCounter["Service"];
  readonly presence: Presence["Service"];
}

/** A shared copy this process holds fresh under `key` that fits the reader (undefined: take the effect path). */
const fresh = (fast: FastPorts | undefined, key: string, viewer: UserId | null) => {
  const s = fast?.cache.peek(key) as Serialised | undefined;
  return s !== undefined && (viewer === null || sharedWith(s, viewer)) ? s : undefined;
};

/**
 * The public reads served as cached bytes, each with its input's schema and its cached answer (undefined: not this
 * path). `viewer`: the signed-in reader, who gets the shared bytes only where they see exactly what everyone sees.
 * A hit that needs nothing from outside this process (the copy in L1; for a question page, nobody known to be
 * typing, the view queued) is answered at once as a Reply; anything else is an effect doing the same through the
 * ports (which load, count and ask Redis as needed).
 */
const HOT: Readonly<
  Record<string, (raw: unknown, clientKey: string, viewer: UserId | null, fast: FastPorts | undefined) => Reply | Answer | undefined>
> = {
  "question.get": (raw, clientKey, viewer, fast) => {
    const input = questionInputs.get.safeParse(raw);
    if (!input.success) return undefined;
    const id = QuestionId(input.data.id);
    const hit = fresh(fast, questionViewKey(id), viewer);
    if (hit?.authorId !== undefined && fast?.presence.nobodyTypingKnown(id)) {
      // Queued, counted within milliseconds: the reply carries the page's count and waits for nothing.
      fast.views.note(id, viewerOf(viewer, clientKey), UserId(hit.authorId));
      return withTyping(hit, []);
    }
    return Effect.flatMap(
      Effect.flatMap(questionPageAnswer(id), (s) => forViewer(s, viewer)),
      (s) =>
        Effect.map(
          // In turn, not forked: both are answered in process nearly always (a repeat viewer, nobody typing).
          Effect.all([countPageView(id, s, clientKey, viewer), whoIsTyping(id, viewer)]),
          ([, typing]) => withTyping(s, typing),
        ),
    );
  },
  "question.list": (raw, _clientKey, viewer, fast) => {
    const input = questionInputs.list.safeParse(raw);
    // Later pages come from the store (through tRPC).
    if (!input.success || input.data?.cursor) return undefined;
    const query = listQueryOf(input.data);
    const hit = fresh(fast, questionListKey(query), viewer);
    if (hit) return plain(hit);
    return Effect.map(
      Effect.flatMap(questionListAnswer(query), (s) => forViewer(s, viewer)),
      plain,
    );
  },
  "region.list": (raw, _clientKey, _viewer, fast) => {
    const input = regionInputs.list.safeParse(raw);
    if (!input.success) return undefined;
    const hit = fresh(fast, regionListKey(input.data?.parentCode), null);
    return hit ? plain(hit) : Effect.map(regionListAnswer(input.data?.parentCode), plain);
  },
  "region.stats": (raw, _clientKey, _viewer, fast) => {
    const input = regionInputs.stats.safeParse(raw);
    if (!input.success) return undefined;
    const hit = fresh(fast, regionStatsKey(input.data.regionCode), null);
    return hit ? plain(hit) : Effect.map(regionStatsAnswer(input.data.regionCode), plain);
  },
  "search.trending": (raw, _clientKey, _viewer, fast) => {
    const input = searchInputs.trending.safeParse(raw);
    if (!input.success) return undefined;
    const range = input.data?.range ?? "24h";
    const hit = fresh(fast, trendingKey(range), null);
    return hit ? plain(hit) : Effect.map(trendingAnswer(range), plain);
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
export const makeHotReads = (deps: {
  readonly runtime: AppRuntime;
  readonly clientKey: (req: IncomingMessage) => string;
  readonly sessionToken: (req: IncomingMessage) => string | null;
  readonly readYourWrites: ReadYourWrites;
}) => {
  // Resolved once the runtime is up; until then every hit takes the effect path.
  let fast: FastPorts | undefined;
  deps.runtime
    .runPromise(
      Effect.gen(function* () {
        return { cache: yield* PublicCache, views: yield* ViewCounter, presence: yield* Presence };
      }),
    )
    .then(
      (ports) => {
        fast = ports;
      },
      () => {},
    );
  return (req: IncomingMessage, res: ServerResponse, path: string, fallback: () => void): boolean => {
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
    const send = (s: Reply, signedIn: boolean) => {
      const headers = signedIn
        ? { "Cache-Control": "private, no-store", ETag: s.etag, Vary: "Accept-Encoding, Authorization, Cookie" }
        : {
            "Cache-Control": `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 6}`,
            ETag: s.etag,
            Vary: "Accept-Encoding, Authorization, Cookie",
          };
      if (matches(req.headers["if-none-match"], s.etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      if (s.kept && s.bytes.length >= COMPRESS_FROM_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
        const z = gzipOf(s.bytes);
        res.writeHead(200, { ...headers, "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": z.length });
        res.end(z);
        return;
      }
      res.writeHead(200, { ...headers, "Content-Type": "application/json", "Content-Length": s.bytes.length });
      res.end(s.bytes);
    };
    const answer = (viewer: UserId | null) => {
      let effect: Reply | Answer | undefined;
      try {
        effect = hot(raw, deps.clientKey(req), viewer, fast);
      } catch {
        effect = undefined;
      }
      if (!effect) return fallback();
      if (!Effect.isEffect(effect)) return send(effect, viewer !== null);
      deps.runtime
        .runPromiseExit(effect)
        .then((exit) => (exit._tag === "Failure" ? fallback() : send(exit.value, viewer !== null)), fallback)
        .catch(() => res.destroy());
    };
    if (token === null) {
      answer(null);
      return true;
    }
    const signedIn = (session: SessionRecord) => {
      noteOnline(deps.runtime, session.userId);
      if (deps.readYourWrites.readsFromPrimary(session.userId)) return fallback();
      answer(session.userId);
    };
    // Known in memory (the session cache's L1, nothing due): no effect, no promise.
    const known = peekSession(deps.runtime, token);
    if (known) {
      signedIn(known);
      return true;
    }
    resolveSession(deps.runtime, token)
      .then((session) => (session ? signedIn(session) : fallback()), fallback)
      // Nothing above should throw; if it does, the connection is dropped rather than the process.
      .catch(() => res.destroy());
    return true;
  };
};
