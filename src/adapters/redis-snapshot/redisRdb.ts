import { execFile } from "node:child_process";

/** An expected problem taking a Redis snapshot (redis-cli missing, the server refused): its message is what an operator needs. */
export class RedisSnapshotProblem extends Error {}

/**
 * Fetches a point-in-time RDB of the Redis at `url` into `file` with `redis-cli --rdb`: the server forks
 * and streams a snapshot over the replication protocol (what BGSAVE writes, without touching the
 * server's own `dir`), so it works on a server whose disk is not ours too. The password goes through
 * the environment (REDISCLI_AUTH), never the command line. The user needs the SYNC command.
 */
export const fetchRdb = (url: string, file: string, timeoutMs = 10 * 60_000): Promise<void> => {
  const u = new URL(url);
  const args = [
    "-h",
    u.hostname.replace(/^\[|\]$/g, ""),
    "-p",
    u.port || "6379",
    ...(u.username ? ["--user", decodeURIComponent(u.username)] : []),
    ...(u.protocol === "rediss:" ? ["--tls"] : []),
    "--no-auth-warning",
    "--rdb",
    file,
  ];
  return new Promise((done, fail) =>
    execFile(
      "redis-cli",
      args,
      {
        timeout: timeoutMs,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...(u.password ? { REDISCLI_AUTH: decodeURIComponent(u.password) } : {}) },
      },
      (error, stdout, stderr) => {
        if (!error) return done();
        if ((error as NodeJS.ErrnoException).code === "ENOENT")
          return fail(new RedisSnapshotProblem("redis-cli is not installed: apt-get install -y redis-tools"));
        const said = `${stderr} ${stdout}`.trim().split("\n").slice(-2).join(" | ");
        fail(new RedisSnapshotProblem(`redis-cli --rdb from ${u.hostname}:${u.port || "6379"} failed: ${said || error.message}`));
      },
    ),
  );
};
