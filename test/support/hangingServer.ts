import { createServer, type Socket } from "node:net";

/**
 * A TCP server that accepts connections, reads requests and never answers: an engine that hangs.
 * It remembers the request line of each connection (e.g. "POST /dongne-x/_search"; with no answer
 * a client cannot send a second request on it), so a test can tell whether anything still reaches it.
 */
export const startHangingServer = async () => {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n");
      if (end < 0) return;
      requests.push(head.slice(0, end).replace(/ HTTP\/1\.[01]$/, ""));
      socket.off("data", onData);
      socket.resume();
    };
    socket.on("data", onData);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests received so far whose request line contains `fragment`. */
    received: (fragment = "") => requests.filter((r) => r.includes(fragment)).length,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
};
