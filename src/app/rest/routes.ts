import { type ProcedureInfo, procedures } from "../trpc/procedures.js";
import { type InputShape, inputShapeOf } from "./inputShape.js";

/** Where the REST transport lives; the version changes only with a breaking change. */
export const REST_BASE = "/api/v1";

/**
 * Resource-style paths, where a procedure reads or changes one thing that has an address. Every other procedure
 * gets the default path (see restPathOf). Procedure names stay the contract; paths are REST's own.
 */
const RESOURCE_PATHS: Readonly<Record<string, string>> = {
  "user.me": "/users/me",
  "user.get": "/users/{id}",
  "user.verifyLocal": "/users/me/verify-local",
  "user.consents": "/users/me/consents",
  "user.setConsent": "/users/me/consents",
  "user.locationLog": "/users/me/location-log",
  "user.exportData": "/users/me/export",
  "user.deleteAccount": "/users/me/delete",
  "admin.userData": "/admin/users/{userId}",
  "webhook.create": "/admin/webhooks",
  "webhook.list": "/admin/webhooks",
  "webhook.remove": "/admin/webhooks/{id}/delete",
  "webhook.deliveries": "/admin/webhooks/{webhookId}/deliveries",
  "badge.list": "/users/{userId}/badges",
  "region.list": "/regions",
  "region.locate": "/regions/locate",
  "region.stats": "/regions/{regionCode}/stats",
  "question.ask": "/questions",
  "question.list": "/questions",
  "question.nearby": "/questions/nearby",
  "question.get": "/questions/{id}",
  "question.like": "/questions/{id}/like",
  "question.close": "/questions/{id}/close",
  "question.update": "/questions/{id}/update",
  "question.delete": "/questions/{id}/delete",
  "question.revisions": "/questions/{id}/revisions",
  "question.escalation": "/questions/{id}/escalation",
  "answer.create": "/questions/{questionId}/answers",
  "answer.accept": "/answers/{answerId}/accept",
  "answer.like": "/answers/{id}/like",
  "answer.update": "/answers/{id}/update",
  "answer.delete": "/answers/{id}/delete",
  "answer.revisions": "/answers/{id}/revisions",
  "notification.list": "/notifications",
  "notification.unreadCount": "/notifications/unread-count",
  "notification.markRead": "/notifications/read",
  "notification.settings": "/notifications/settings",
  "follow.add": "/follows",
  "follow.list": "/follows",
  "follow.remove": "/follows/{id}/delete",
  "notification.updateSettings": "/notifications/settings",
};

const kebab = (word: string) => word.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `notification.unreadCount` → `/notification/unread-count`: the name's parts, camelCase as kebab-case. */
const defaultPath = (name: string) => `/${name.split(".").map(kebab).join("/")}`;

export const restPathOf = (name: string): string => REST_BASE + (RESOURCE_PATHS[name] ?? defaultPath(name));

export interface RestRoute {
  readonly procedure: ProcedureInfo;
  /** Queries are read with GET, mutations written with POST, as on /trpc. */
  readonly method: "GET" | "POST";
  /** An OpenAPI path template: `/api/v1/questions/{id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly pattern: RegExp;
  /** The procedure's input object, worked out once; undefined when it takes none. */
  readonly input: InputShape | undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const routeOf = (procedure: ProcedureInfo): RestRoute => {
  const path = restPathOf(procedure.name);
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pattern = new RegExp(
    `^${path
      .split(/\{\w+\}/)
      .map(escapeRegExp)
      .join("([^/]+)")}/?$`,
  );
  return { procedure, method: procedure.kind === "mutation" ? "POST" : "GET", path, pathParams, pattern, input: inputShapeOf(procedure) };
};

/**
 * Every query and mutation as a REST route (subscriptions are not REST). Routes with fewer path parameters come
 * first, so `/questions/nearby` is never taken for the question `nearby`.
 */
export const restRoutes = (): readonly RestRoute[] => {
  const routes = procedures()
    .filter((p) => p.kind !== "subscription")
    .map(routeOf)
    .sort((a, b) => a.pathParams.length - b.pathParams.length);
  const seen = new Set<string>();
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) throw new Error(`two procedures on ${key}: give one a path in src/app/rest/routes.ts`);
    seen.add(key);
  }
  return routes;
};

/** The route for a request, or which methods its path allows (for a 405), or nothing (404). */
export const matchRoute = (
  routes: readonly RestRoute[],
  method: string,
  path: string,
): { readonly route: RestRoute; readonly params: readonly string[] } | { readonly allowed: readonly string[] } | undefined => {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, params: match.slice(1) };
    if (!allowed.includes(route.method)) allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed: allowed.sort() } : undefined;
};
