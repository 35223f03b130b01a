/**
 * CPU used by the service, by PostgreSQL (the postmaster and all its backends, also those that
 * ended during the interval) and by this load-generating process, from /proc: on two shared cores
 * this tells whether a scenario is bound by the application, the database or the load generator.
 * Linux only; elsewhere the readings are zero.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime and the parent of a process (fields 14–17 and 4 of /proc/pid/stat). */
const stat = (pid: number) => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i - 3] ?? 0);
    return { ppid: n(4), own: n(14) + n(15), children: n(16) + n(17) };
  } catch {
    return undefined;
  }
};

const processes = () => {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
};

const postmasterOf = (pgdata: string) =>
  processes().find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(pgdata);
    } catch {
      return false;
    }
  });

/** The postmaster's own and reaped children's ticks, and each live child's. */
const postgresSnapshot = (postmaster: number | undefined) => {
  const children = new Map<number, number>();
  if (postmaster === undefined) return { main: 0, children };
  const main = stat(postmaster);
  for (const pid of processes()) {
    const s = stat(pid);
    if (s?.ppid === postmaster) children.set(pid, s.own);
  }
  return { main: (main?.own ?? 0) + (main?.children ?? 0), children };
};

/**
 * Ticks spent between two snapshots: a backend that ended in between is in the postmaster's reaped
 * children's time with its whole life, so what it had spent before the first snapshot comes off.
 */
const postgresTicksBetween = (before: ReturnType<typeof postgresSnapshot>, after: ReturnType<typeof postgresSnapshot>) => {
  let ticks = after.main - before.main;
  for (const [pid, own] of after.children) ticks += own - (before.children.get(pid) ?? 0);
  for (const [pid, own] of before.children) if (!after.children.has(pid)) ticks -= own;
  return ticks;
};

export interface CpuShares {
  /** Percent of one core, over the measured interval. */
  readonly service: number;
  readonly postgres: number;
  readonly bench: number;
}

/** Starts measuring; the returned function gives the shares since then. */
export const cpuMeter = (servicePid: number, pgdata: string) => {
  const postmaster = postmasterOf(pgdata);
  const started = {
    at: performance.now(),
    service: stat(servicePid)?.own ?? 0,
    postgres: postgresSnapshot(postmaster),
    bench: process.cpuUsage(),
  };
  return (): CpuShares => {
    const seconds = (performance.now() - started.at) / 1000;
    const share = (ticks: number) => (ticks / TICKS_PER_SECOND / seconds) * 100;
    const bench = process.cpuUsage(started.bench);
    return {
      service: share((stat(servicePid)?.own ?? started.service) - started.service),
      postgres: share(postgresTicksBetween(started.postgres, postgresSnapshot(postmaster))),
      bench: ((bench.user + bench.system) / 1e6 / seconds) * 100,
    };
  };
};
