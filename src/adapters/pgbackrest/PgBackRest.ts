import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { idsOf } from "../postgres/EmbeddedPostgres.js";

/** An expected problem with backups (pgBackRest missing, a command that failed): its message is what an operator needs. */
export class BackupProblem extends Error {}

/** The one stanza (pgBackRest's name for a cluster and its archive) this service backs up. */
export const STANZA = "dongne";

/** Full backups kept (the seed: 12 weekly fulls); incrementals and WAL go with the full they depend on. */
export const RETAIN_FULL = 12;

/** Where everything about backups lives for one DATA_DIR, and who may touch it. */
export interface BackupLayout {
  readonly dataDir: string;
  /** The cluster's data directory (pg1-path). */
  readonly pgdata: string;
  /** This layout's own folder: configuration, lock, log, the drill's report. */
  readonly dir: string;
  readonly configFile: string;
  readonly repoPath: string;
  /** The account PostgreSQL runs as, which archive-push runs as too: every pgBackRest call uses it. */
  readonly owner: { readonly uid: number; readonly gid: number } | undefined;
}

export interface BackupSettings {
  /** BACKUP_REPO_PATH; DATA_DIR/backup/repo by default. */
  readonly repoPath?: string | undefined;
  /** BACKUP_CIPHER_PASS; else a secret generated once in DATA_DIR/backup.secret. */
  readonly cipherPass?: string | undefined;
}

export const CIPHER_SECRET_FILE = "backup.secret";

/** As root the embedded server runs as the system user postgres (see EmbeddedPostgres.ts): so must pgBackRest. */
const serverOwner = () => (process.getuid?.() === 0 ? idsOf("postgres") : undefined);

export const backupLayout = (dataDir: string, settings: BackupSettings = {}): BackupLayout => {
  const base = resolve(dataDir);
  const dir = join(base, "backup");
  return {
    dataDir: base,
    pgdata: join(base, "postgres"),
    dir,
    configFile: join(dir, "pgbackrest.conf"),
    repoPath: resolve(settings.repoPath ?? join(dir, "repo")),
    owner: serverOwner(),
  };
};

const giveTo = (path: string, owner: BackupLayout["owner"]) => {
  if (owner) chownSync(path, owner.uid, owner.gid);
};

/**
 * The repository's key: configured, or generated once and kept beside the data (copy it somewhere safe:
 * without it the backups are unreadable). The Redis and media backups derive their key from it too.
 */
export const cipherPass = (layout: BackupLayout, settings: BackupSettings) => {
  if (settings.cipherPass) return settings.cipherPass;
  const file = join(layout.dataDir, CIPHER_SECRET_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
};

/** Whether Debian's pgbackrest is on the PATH. */
export const pgBackRestInstalled = (): Promise<boolean> =>
  new Promise((done) => execFile("pgbackrest", ["version"], (error) => done(!error)));

/**
 * Writes the configuration pgBackRest reads for this DATA_DIR (repository, encryption, retention, lock and
 * log paths inside the layout, owned by the server's account) and returns the archive command for the
 * embedded server. The port and socket change with every start, so commands name them; archive-push needs neither.
 */
export const prepareBackups = (layout: BackupLayout, settings: BackupSettings = {}): string => {
  for (const path of [layout.dir, join(layout.dir, "lock"), join(layout.dir, "log"), layout.repoPath]) {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    giveTo(path, layout.owner);
  }
  const lines = [
    "# Written by Dongne Ask at each start from BACKUP_* (see README, Operations); edits are overwritten.",
    "[global]",
    `repo1-path=${layout.repoPath}`,
    "repo1-cipher-type=aes-256-cbc",
    `repo1-cipher-pass=${cipherPass(layout, settings)}`,
    `repo1-retention-full=${RETAIN_FULL}`,
    "repo1-retention-full-type=count",
    `lock-path=${join(layout.dir, "lock")}`,
    `log-path=${join(layout.dir, "log")}`,
    "log-level-console=warn",
    "log-level-file=info",
    "compress-type=lz4",
    "process-max=2",
    // An immediate checkpoint: `npm run backup` starts at once rather than at the next scheduled checkpoint.
    "start-fast=y",
    "",
    `[${STANZA}]`,
    `pg1-path=${layout.pgdata}`,
    "pg1-user=dongne",
    "pg1-database=dongne",
    "",
  ];
  writeFileSync(layout.configFile, lines.join("\n"), { mode: 0o600 });
  giveTo(layout.configFile, layout.owner);
  return archiveCommand(layout);
};

export const archiveCommand = (layout: BackupLayout) => `pgbackrest --config=${layout.configFile} --stanza=${STANZA} archive-push %p`;

/** How a command reaches the running server: its port, socket directory and password (libpq reads PGPASSWORD). */
export interface ServerAccess {
  readonly port: number;
  readonly socketDir: string;
  readonly password: string;
}

const lastLines = (text: string) => text.trim().split("\n").slice(-3).join(" | ");

/** Runs pgbackrest as the server's account with this layout's configuration; its stdout, or a BackupProblem naming what failed. */
export const pgBackRest = (
  layout: BackupLayout,
  args: readonly string[],
  options: { readonly access?: ServerAccess; readonly timeoutMs?: number; readonly signal?: AbortSignal } = {},
): Promise<string> => {
  const access = options.access ? [`--pg1-port=${options.access.port}`, `--pg1-socket-path=${options.access.socketDir}`] : [];
  const argv = [`--config=${layout.configFile}`, `--stanza=${STANZA}`, ...access, ...args];
  return new Promise((done, fail) => {
    execFile(
      "pgbackrest",
      argv,
      {
        ...(layout.owner ?? {}),
        cwd: "/",
        ...(options.signal ? { signal: options.signal, killSignal: "SIGTERM" as const } : {}),
        timeout: options.timeoutMs ?? 60 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...(options.access ? { PGPASSWORD: options.access.password } : {}) },
      },
      (error, stdout, stderr) => {
        if (!error) return done(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT")
          return fail(new BackupProblem("pgbackrest is not installed: run `apt-get install -y pgbackrest` (Debian) as root."));
        fail(new BackupProblem(`pgbackrest ${args[0]} failed: ${lastLines(stderr || stdout || error.message)}`));
      },
    );
  });
};
