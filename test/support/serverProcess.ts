import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Starts the real service (`src/app/main.ts`) as a child process on a free port and waits until it listens. */
export const makeDataDir = () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dongne-e2e-"));
  // The embedded server may run as the "postgres" user: it must reach the directory.
  chmodSync(dataDir, 0o755);
  return dataDir;
};

/** The bearer token the test servers' /metrics wants. */
export const TEST_METRICS_TOKEN = "test-metrics-token-0123456789";

/** The service as a child process; `asUser` runs it under another account (needs root), via setpriv. */
export const spawnServer = (env: Record<string, string>, asUser?: { uid: string; gid: string }) => {
  const node = [process.execPath, "--import", "tsx", "src/app/main.ts"];
  const argv = asUser ? ["setpriv", `--reuid=${asUser.uid}`, `--regid=${asUser.gid}`, "--clear-groups", ...node] : node;
  return spawn(argv[0] as string, argv.slice(1), {
    // No scheduled backups (a full one at start) in every test server: the backup tests turn them on.
    // No posting limits either (tests post fast as brand-new users): the moderation e2e turns them on.
    env: {
      ...process.env,
      PORT: "0",
      LOG_LEVEL: "info",
      BACKUP_SCHEDULE: "off",
      POSTING_LIMITS: "off",
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      ...(asUser ? { HOME: tmpdir() } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
};

export const startServer = async (
  env: Record<string, string> = {},
  options: { dataDir?: string; asUser?: { uid: string; gid: string } } = {},
) => {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? makeDataDir();
  const child: ChildProcess = spawnServer({ DATA_DIR: dataDir, ...env }, options.asUser);
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n")) {
        if (!line.includes("listening")) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.once("exit", (code) => r(code));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };
  /** Resolves once the service has logged `text` (it may already have). */
  const logged = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.includes(text)) return false;
        child.stdout?.off("data", check);
        resolve();
        return true;
      };
      if (check()) return;
      child.stdout?.on("data", check);
      void exited.then(() => (check() ? undefined : reject(new Error(`exited without logging "${text}":\n${output}`))));
    });
  return { url, stop, output: () => output, child, exited, logged, dataDir };
};
