import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDataDir } from "../support/serverProcess.js";

const repo = resolve(import.meta.dirname, "../..");

/** What a fresh clone has after `npm ci`, without the build: the sources and the installed packages. */
const cloneOfSources = () => {
  const dir = mkdtempSync(join(tmpdir(), "dongne-clone-"));
  for (const entry of ["src", "assets", "scripts/start.mjs", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"])
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  // The web app's bundle is built by its own script (npm run build:web).
  cpSync(join(repo, "scripts", "web"), join(dir, "scripts", "web"), { recursive: true });
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
  return dir;
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

const parentOf = (pid: string) => {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ")".
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1];
  } catch {
    return undefined;
  }
};

/** Every process below `root` now: npm's shell if any, node, the embedded postgres and its workers. */
const descendants = (root: number) => {
  const byParent = new Map<string, string[]>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const ppid = parentOf(pid);
    if (ppid) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const walk = (pid: string) => {
    for (const child of byParent.get(pid) ?? []) {
      found.push(Number(child));
      walk(child);
    }
  };
  walk(String(root));
  return found;
};

/** Processes whose command line names the directory (the embedded postgres runs with `-D DATA_DIR/postgres`). */
const processesUsing = (dir: string) =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    });

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });

const npmStart = (cwd: string, dataDir: string) => {
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd,
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.includes("listening"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { child, url, exited, output: () => output };
};

describe("npm start", () => {
  let clone: string;
  beforeAll(() => {
    clone = cloneOfSources();
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it("builds on a fresh clone; SIGTERM to the npm process alone stops node and the embedded PostgreSQL", { timeout: 180_000 }, async () => {
    const dataDir = makeDataDir();
    try {
      const first = npmStart(clone, dataDir);
      const url = await first.url;
      expect(existsSync(join(clone, "dist", "app", "main.js"))).toBe(true);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      // The build made the web app's bundle too, and the service serves it at /.
      const home = await (await fetch(`${url}/`)).text();
      const script = /<script type="module" src="([^"]+)"/.exec(home)?.[1];
      expect(script).toMatch(/^\/assets\/app-[0-9a-f]{12}\.js$/);
      expect((await fetch(`${url}${script}`)).status).toBe(200);

      const below = descendants(first.child.pid as number);
      const pgPort = Number(readFileSync(join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]);
      expect(await portOpen(pgPort)).toBe(true);
      expect(processesUsing(dataDir).length).toBeGreaterThan(0);

      // What a container runtime does to PID 1: the signal goes to npm, and to npm only.
      first.child.kill("SIGTERM");
      await first.exited;
      const until = Date.now() + 20_000;
      while (below.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(below.filter(alive)).toEqual([]);
      expect(processesUsing(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
      expect(await portOpen(pgPort)).toBe(false);
      expect(await portOpen(Number(new URL(url).port))).toBe(false);
      expect(first.output()).toContain("stopped");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("starts again without building while the sources are unchanged, and rebuilds after a source changes", {
    timeout: 180_000,
  }, async () => {
    const dataDir = makeDataDir();
    const run = async () => {
      const started = npmStart(clone, dataDir);
      const url = await started.url;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      started.child.kill("SIGTERM");
      await started.exited;
      return started.output();
    };
    try {
      const again = await run();
      // The build is `npm run build`, whose banner shows the tsc command line.
      expect(again).not.toContain("> tsc");

      appendFileSync(join(clone, "src", "app", "main.ts"), "\n// a change after the last build\n");
      expect(await run()).toContain("> tsc");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
