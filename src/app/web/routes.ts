/**
 * The web app's pages, by path: the server answers these with the app's HTML (question pages rendered
 * in full), the browser's router picks the page from the same table. Anything else is not the app's.
 */
export const APP_ROUTES = {
  home: /^\/$/,
  regions: /^\/regions$/,
  region: /^\/regions\/(KR-49(?:-\d{2}){1,2})$/,
  question: /^\/q\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
  ask: /^\/ask$/,
  search: /^\/search$/,
  nearby: /^\/nearby$/,
  notifications: /^\/notifications$/,
  me: /^\/me$/,
  login: /^\/login$/,
  register: /^\/register$/,
} as const;

export type RouteName = keyof typeof APP_ROUTES;

export interface RouteMatch {
  readonly name: RouteName;
  /** The pattern's one captured part (a region code, a question id), if any. */
  readonly param: string | null;
}

export const matchRoute = (path: string): RouteMatch | null => {
  for (const [name, pattern] of Object.entries(APP_ROUTES) as [RouteName, RegExp][]) {
    const m = pattern.exec(path);
    if (m) return { name, param: m[1] ?? null };
  }
  return null;
};

export const questionPath = (id: string) => `/q/${id}`;
export const regionPath = (code: string) => `/regions/${code}`;

/** Pages only a signed-in person has, which search engines should not list. */
export const PRIVATE_ROUTES: readonly RouteName[] = ["ask", "notifications", "me", "login", "register"];
