import { chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type BackupLayout, BackupProblem, CIPHER_SECRET_FILE, pgBackRest } from "../../adapters/pgbackrest/PgBackRest.js";
import { startEmbeddedPostgres } from "../../adapters/postgres/EmbeddedPostgres.js";

/** A recovery target: a moment (recover every transaction committed up to it), or the end of the archive. */
export type RecoveryTarget = Date | "latest";

/** pgBackRest's (PostgreSQL's) time format, in UTC, to the millisecond. */
const pgTime = (at: Date) => `${at.toISOString().replace("T", " ").replace("Z", "")}+00`;

export const parseTarget = (text: string | undefined): RecoveryTarget => {
  if (text === undefined || text === "latest") return "latest";
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new BackupProblem(`--to must be an ISO time (2026-12-01T11:30:00+09:00) or latest, not "${text}"`);
  if (at.getTime() > Date.now() + 1_000) throw new BackupProblem(`--to ${text} is in the future`);
  return at;
};

/** The restore target: a new directory (or an empty one), never the live DATA_DIR. */
const prepareTarget = (layout: BackupLayout, target: string) => {
  const dir = resolve(target);
  if (dir === layout.dataDir)
    throw new BackupProblem("--target is the live DATA_DIR: restore into a new directory, then point DATA_DIR at it.");
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new BackupProblem(`--target ${dir} is not empty: restore into a new directory.`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  // The server's account (postgres, when run as root) must pass through every folder above the copy.
  for (let up = dir; layout.owner && dirname(up) !== up; up = dirname(up)) {
    const parent = dirname(up);
    const { mode, uid } = statSync(parent);
    if (uid !== layout.owner.uid && (mode & 0o001) === 0)
      throw new BackupProblem(
        `the server's account cannot enter ${parent} (mode ${(mode & 0o777).toString(8)}): choose a --target elsewhere or chmod o+x ${parent}`,
      );
  }
  const pgdata = join(dir, "postgres");
  mkdirSync(pgdata, { mode: 0o700 });
  if (layout.owner) chownSync(pgdata, layout.owner.uid, layout.owner.gid);
  return { dir, pgdata };
};

export interface Restored {
  readonly dataDir: string;
  /** Seconds: files restored from the repository, WAL replayed to the target, server accepting connections. */
  readonly restoreSeconds: number;
  readonly recoverySeconds: number;
}

/**
 * Restores the repository into `target` as a new DATA_DIR and recovers it: pgBackRest copies the newest
 * backup before the target and writes the recovery settings; the server is then started once (archiving
 * off, so the copy never writes into this repository) to replay WAL up to the target and promote, and
 * `inspect` runs on it before it stops. `DATA_DIR=<target> npm start` serves it afterwards, with a
 * repository of its own. The database password (postgres.secret) and repository key come along.
 */
export const restoreInto = async <A>(
  layout: BackupLayout,
  to: RecoveryTarget,
  target: string,
  inspect: (url: string) => Promise<A>,
  log: (msg: string) => void = () => {},
): Promise<Restored & { readonly inspected: A }> => {
  const { dir, pgdata } = prepareTarget(layout, target);
  const started = performance.now();
  const recovery = to === "latest" ? ["--type=default"] : ["--type=time", `--target=${pgTime(to)}`, "--target-action=promote"];
  await pgBackRest(layout, ["restore", `--pg1-path=${pgdata}`, ...recovery]);
  for (const file of ["postgres.secret", CIPHER_SECRET_FILE])
    if (existsSync(join(layout.dataDir, file))) copyFileSync(join(layout.dataDir, file), join(dir, file));
  const restored = performance.now();
  const server = await startEmbeddedPostgres(dir, log).catch((e: unknown) => {
    throw new BackupProblem(
      `the restored copy in ${dir} did not recover${to === "latest" ? "" : ` to ${to.toISOString()}`}: ${(e as Error).message}. A time after the newest archived WAL cannot be reached: try an earlier time or --to latest.`,
    );
  });
  const recovered = performance.now();
  try {
    const inspected = await inspect(server.url);
    return {
      dataDir: dir,
      restoreSeconds: (restored - started) / 1000,
      recoverySeconds: (recovered - restored) / 1000,
      inspected,
    };
  } finally {
    await server.stop();
  }
};
