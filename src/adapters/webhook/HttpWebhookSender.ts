import dns, { type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Effect, Layer } from "effect";
import ipaddr from "ipaddr.js";
import { type WebhookRequest, type WebhookResponse, WebhookSender } from "../../application/ports/WebhookSender.js";

/** The response body is not used; this much is read (so a slow or endless body cannot hold the attempt). */
const RESPONSE_READ_MAX = 4096;
/** How long a response's body may take to end once its status arrived, before the connection is cut. */
const DRAIN_MS = 1_000;

export class ForbiddenAddress extends Error {
  readonly code = "EWEBHOOK_FORBIDDEN_ADDRESS";
}

/**
 * Only ordinary public unicast addresses: loopback, private (RFC 1918, unique-local), link-local, multicast,
 * broadcast, unspecified, carrier-grade NAT and the reserved and transition ranges (6to4, Teredo, NAT64, which can
 * carry an inner private address) are refused. An IPv4-mapped IPv6 address is judged as its IPv4 address.
 */
export const isPublicAddress = (address: string): boolean => {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address.replace(/%.*$/, "")).range() === "unicast";
};

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The request's own name resolution: every address the name resolves to is checked before the socket connects,
 * so a name that resolves inside (or is rebound to) after the webhook was registered is still refused.
 */
const guardedLookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new ForbiddenAddress(`refused address ${refused.address} (not a public address)`), "");
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new ForbiddenAddress(`no address for ${hostname}`), "");
    return callback(null, first.address, first.family);
  });
};

const errorText = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  return err.code && !String(err.message).includes(err.code) ? `${err.code}: ${err.message}` : String(err.message ?? e);
};

/** One POST: no redirect followed, no connection reused, the whole attempt within `timeoutMs`. */
export const postWebhook = (request: WebhookRequest, options: { readonly allowPrivateTargets: boolean }): Promise<WebhookResponse> =>
  new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (r: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return done({ error: "malformed URL" });
    }
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    // A bare address never goes through `lookup`: check it here.
    if (!options.allowPrivateTargets && net.isIP(literal) !== 0 && !isPublicAddress(literal))
      return done({ error: `refused address ${literal} (not a public address)` });
    const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
    if (!client) return done({ error: `unsupported scheme ${url.protocol}` });
    const body = Buffer.from(request.body, "utf8");
    const req = client.request(url, {
      method: "POST",
      headers: { ...request.headers, "Content-Length": String(body.length) },
      agent: false,
      ...(options.allowPrivateTargets ? {} : { lookup: guardedLookup as unknown as net.LookupFunction }),
    });
    timer = setTimeout(() => {
      done({ error: `timed out after ${request.timeoutMs} ms` });
      req.destroy();
    }, request.timeoutMs);
    req.on("response", (res) => {
      done({ statusCode: res.statusCode ?? 0 });
      // The status is all we need: a body that dribbles (or never ends) must not keep the socket open.
      const drain = setTimeout(() => req.destroy(), DRAIN_MS);
      res.on("close", () => clearTimeout(drain));
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read >= RESPONSE_READ_MAX) res.destroy();
      });
      res.on("end", () => req.destroy());
      res.on("error", () => undefined);
    });
    req.on("error", (e) => done({ error: errorText(e) }));
    req.end(body);
  });

export const HttpWebhookSender = (options: { readonly allowPrivateTargets: boolean }) =>
  Layer.succeed(WebhookSender, { send: (request) => Effect.promise(() => postWebhook(request, options)) });
