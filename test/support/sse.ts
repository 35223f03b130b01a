/** A bare SSE client over fetch (what an EventSource does), to read a tRPC subscription event by event. */
export interface SseEvent {
  readonly event: string;
  readonly id: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: untyped wire JSON; tests assert it field by field
  readonly data: any;
  /** performance.now() when the event was read. */
  readonly at: number;
}

export const openSse = async (url: string, headers: Record<string, string> = {}) => {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const pump = (async () => {
    if (!res.body || !(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          let id: string | undefined;
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const i = line.indexOf(":");
            const field = i < 0 ? line : line.slice(0, i);
            const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
            if (field === "event") event = value;
            else if (field === "id") id = value;
            else if (field === "data") data.push(value);
          }
          const text = data.join("\n");
          let parsed: unknown = text;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch {}
          events.push({ event, id, data: parsed, at: performance.now() });
          for (const w of waiters) w();
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted or cut
    } finally {
      ended = true;
      for (const w of waiters) w();
    }
  })();
  /** Resolves with the first event (from `from` on) that `match` accepts, or rejects after `timeoutMs`. */
  const next = (match: (e: SseEvent) => boolean, timeoutMs = 5_000, from = 0) =>
    new Promise<SseEvent>((resolve, reject) => {
      const check = () => {
        const found = events.slice(from).find(match);
        if (found) {
          cleanup();
          resolve(found);
        } else if (ended) {
          cleanup();
          reject(new Error(`stream ended; events: ${JSON.stringify(events)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching event within ${timeoutMs} ms; events: ${JSON.stringify(events)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const close = async () => {
    abort.abort();
    await pump;
  };
  return { status: res.status, headers: res.headers, events, next, close, ended: () => ended, body: res };
};
