import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../trpc/router.js";

/**
 * The service's tRPC API, typed from the server's own router: the example every TypeScript client can
 * follow (README, *Web app*). The browser keeps the session as the HTTP-only cookie, so no token here;
 * calls made in the same tick travel as one batch (at most 10, the server's limit); subscriptions
 * (`notification.onNew`) are an EventSource, which sends the cookie and resumes with Last-Event-ID itself.
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc" }),
      false: httpBatchLink({ url: "/trpc", maxItems: 10, maxURLLength: 2_000 }),
    }),
  ],
});

export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;
export type Me = Outputs["user"]["me"];
export type QuestionDetail = Outputs["question"]["get"];
export type QuestionItem = Outputs["question"]["list"]["items"][number];
export type SearchResult = Outputs["search"]["questions"];

/** What the person sees of a failed call: the stable code, the service's Korean message, and per-field messages. */
export interface Failure {
  readonly code: string;
  readonly message: string;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
}

export const failureOf = (error: unknown): Failure => {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { code?: string; fieldErrors?: Record<string, string[]> };
    return { code: data.code ?? "NETWORK", message: error.message, fieldErrors: data.fieldErrors ?? {} };
  }
  return { code: "NETWORK", message: "서버에 연결하지 못했어요. 잠시 후 다시 시도해 주세요.", fieldErrors: {} };
};
