/** A bare HTTP client for tRPC v11 without a transformer: what any non-TypeScript client would send. */
export interface TrpcResponse<T = unknown> {
  readonly status: number;
  readonly data?: T;
  readonly error?: {
    message: string;
    code: number;
    data: { code: string; httpStatus: number; path?: string; fieldErrors: Record<string, string[]>; stack?: string };
  };
  readonly headers: Headers;
}

// biome-ignore lint/suspicious/noExplicitAny: untyped wire JSON, as a non-TypeScript client sees it; tests assert it field by field
type Json = any;

export const trpcClient = (baseUrl: string) => {
  const call = async <T>(kind: "query" | "mutation", path: string, input?: unknown, token?: string): Promise<TrpcResponse<T>> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const url =
      kind === "query"
        ? `${baseUrl}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
        : `${baseUrl}/trpc/${path}`;
    const res = await fetch(url, {
      method: kind === "query" ? "GET" : "POST",
      headers,
      ...(kind === "mutation" ? { body: JSON.stringify(input ?? null) } : {}),
    });
    const body = (await res.json()) as { result?: { data: T }; error?: TrpcResponse["error"] };
    return {
      status: res.status,
      headers: res.headers,
      ...(body.result ? { data: body.result.data } : {}),
      ...(body.error ? { error: body.error } : {}),
    };
  };
  return {
    query: <T = Json>(path: string, input?: unknown, token?: string) => call<T>("query", path, input, token),
    mutate: <T = Json>(path: string, input?: unknown, token?: string) => call<T>("mutation", path, input, token),
  };
};
