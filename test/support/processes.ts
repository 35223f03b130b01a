import { execFileSync } from "node:child_process";
import { createServer } from "node:net";

/** A loopback port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => done(typeof a === "object" && a ? a.port : 0));
    });
  });

/** As root, PostgreSQL must run as another user: the system "postgres" account. */
export const postgresUserIds = (): { uid?: number; gid?: number } => {
  if (process.getuid?.() !== 0) return {};
  return {
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
  };
};
