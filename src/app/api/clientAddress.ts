import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy (TRUSTED_PROXIES), in which
 * case X-Forwarded-For is read from the right, past every trusted hop (proxy-addr). With no trusted proxy
 * (the default) the header is ignored, so a client cannot pick the address its limits are counted under.
 */
export const makeClientAddress = (trustedProxies: readonly string[]) => {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req: IncomingMessage): string | null => {
    if (!req.socket?.remoteAddress) return null;
    const address = trustedProxies.length === 0 ? req.socket.remoteAddress : proxyAddr(req, trust);
    // IPv4 peers of a dual-stack socket come as ::ffff:a.b.c.d; one client, one key.
    return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  };
};
