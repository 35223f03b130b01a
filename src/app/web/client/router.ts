import { useEffect, useState } from "preact/hooks";
import { matchRoute, type RouteMatch } from "../routes.js";

/** History-API routing over the server's own route table (src/app/web/routes.ts). */
export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly route: RouteMatch | null;
}

const current = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
  route: matchRoute(window.location.pathname),
});

const listeners = new Set<() => void>();

export const navigate = (href: string, options: { replace?: boolean } = {}) => {
  if (options.replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  for (const l of listeners) l();
  if (!options.replace) window.scrollTo(0, 0);
};

window.addEventListener("popstate", () => {
  for (const l of listeners) l();
});

export const useLocation = (): Location => {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return loc;
};

/** Same-origin links move within the app; a modified click (new tab) is left to the browser. */
export const onLinkClick = (e: MouseEvent) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.("a");
  if (!a || a.target || a.hasAttribute("download")) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || !matchRoute(url.pathname)) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
};
