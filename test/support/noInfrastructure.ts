import childProcess, { ChildProcess } from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import { basename } from "node:path";
import { afterAll, afterEach } from "vitest";

/**
 * Setup file of the `unit` project: a unit test that reaches for PostgreSQL, the search engine or any
 * other service fails, even where those services happen to be running. Every socket connection is
 * refused, and so is starting a database server or a JVM. A refusal is also recorded, so a test that
 * swallows the error (a fallback, a health probe) still fails when it ends.
 */
const SERVER_PROGRAMS = /^(java|postgres|initdb|pg_ctl|pg_ctlcluster|pg_basebackup|psql|redis-server|search-engine\.sh)$/;
const ADVICE =
  "Unit tests (*.test.ts, *.prop.test.ts) run without PostgreSQL, the search engine or any network service: " +
  "move the test to a *.integration.test.ts (real services) or *.e2e.test.ts (the service process) file.";

// A setup file runs once per test file: a worker reused across files must wrap once and keep one record.
const key = Symbol.for("dongne.noInfrastructure");
const global = globalThis as { [key]?: { readonly refusals: string[] } };
const installed = global[key] !== undefined;
global[key] ??= { refusals: [] };
const refusals = global[key].refusals;

export class InfrastructureInUnitTest extends Error {
  override readonly name = "InfrastructureInUnitTest";
}

const refuse = (what: string): never => {
  refusals.push(what);
  throw new InfrastructureInUnitTest(`A unit test tried to ${what}. ${ADVICE}`);
};

/** Refusals so far, cleared: for the test of this guard itself. */
export const takeRefusals = () => refusals.splice(0);

const target = (args: unknown[]) => {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === "object" && first !== null) {
    const o = first as { host?: string; port?: number; path?: string };
    return o.path ?? `${o.host ?? "localhost"}:${o.port}`;
  }
  return typeof args[1] === "string" ? `${args[1]}:${String(first)}` : String(first);
};

const install = () => {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    return refuse(`open a network connection to ${target(args)}`);
  } as typeof connect;

  /** The program a command line starts; for `sh -c "…"`, the first word of the script. */
  const programOf = (file: string, args: readonly string[]) => {
    const shell = /(^|\/)(ba)?sh$/.test(file) && args[0] === "-c";
    return basename(shell ? (args[1]?.trim().split(/\s+/)[0] ?? "") : file);
  };
  const checked = (file: unknown, args: unknown) => {
    const argv = Array.isArray(args) ? args.map(String) : [];
    if (SERVER_PROGRAMS.test(programOf(String(file), argv))) refuse(`start \`${[file, ...argv].join(" ")}\``);
  };

  // Every asynchronous child process (spawn, exec, execFile, fork) starts in this method, which Node's types leave out.
  const proto = ChildProcess.prototype as unknown as {
    spawn: (this: ChildProcess, options: { file?: string; args?: string[] }) => unknown;
  };
  const spawnChild = proto.spawn;
  proto.spawn = function (options) {
    checked(options.file, options.args?.slice(1));
    return spawnChild.call(this, options);
  };

  // The synchronous ones do not go through ChildProcess: wrap the module's functions.
  const { spawnSync, execFileSync, execSync } = childProcess;
  childProcess.spawnSync = ((file: string, args?: unknown, ...rest: unknown[]) => {
    checked(file, args);
    return (spawnSync as (...a: unknown[]) => unknown)(file, args, ...rest);
  }) as typeof spawnSync;
  childProcess.execFileSync = ((file: string, args?: unknown, ...rest: unknown[]) => {
    checked(file, args);
    return (execFileSync as (...a: unknown[]) => unknown)(file, args, ...rest);
  }) as typeof execFileSync;
  childProcess.execSync = ((command: string, ...rest: unknown[]) => {
    checked("/bin/sh", ["-c", command]);
    return (execSync as (...a: unknown[]) => unknown)(command, ...rest);
  }) as typeof execSync;
  syncBuiltinESMExports();
};

if (!installed) install();

const reportRefusals = () => {
  const seen = takeRefusals();
  if (seen.length > 0) throw new InfrastructureInUnitTest(`A unit test tried to:\n${seen.map((w) => `- ${w}\n`).join("")}${ADVICE}`);
};
afterEach(reportRefusals);
// A refusal inside beforeAll skips every test (and afterEach) of the file: report it here.
afterAll(reportRefusals);
