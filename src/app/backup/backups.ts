import { type BackupLayout, pgBackRest } from "../../adapters/pgbackrest/PgBackRest.js";
import { serverAccessOf } from "../../adapters/postgres/PgOperations.js";
import type { BackupKind } from "../../domain/operations/backupSchedule.js";

/** One backup set as `pgbackrest info` reports it. */
export interface BackupSet {
  readonly label: string;
  readonly kind: "full" | "diff" | "incr";
  readonly startedAt: Date;
  readonly stoppedAt: Date;
  /** The database's size at the time of the backup, bytes. */
  readonly databaseBytes: number;
  /** What this set added to the repository (compressed, encrypted), bytes. */
  readonly repositoryBytes: number;
  readonly walStart: string;
  readonly walStop: string;
  readonly error: boolean;
}

export interface RepositoryInfo {
  readonly status: string;
  readonly backups: readonly BackupSet[];
  readonly walMin: string | null;
  readonly walMax: string | null;
  readonly cipher: string;
}

interface InfoJson {
  readonly status?: { readonly code: number; readonly message: string };
  readonly cipher?: string;
  readonly archive?: readonly { readonly min: string | null; readonly max: string | null }[];
  readonly backup?: readonly {
    readonly label: string;
    readonly type: "full" | "diff" | "incr";
    readonly error?: boolean;
    readonly timestamp: { readonly start: number; readonly stop: number };
    readonly info: { readonly size: number; readonly repository: { readonly delta: number } };
    readonly archive: { readonly start: string; readonly stop: string };
  }[];
}

/** The repository's backups and WAL range; an empty repository (no stanza yet) has none. */
export const repositoryInfo = async (layout: BackupLayout): Promise<RepositoryInfo> => {
  const [info] = JSON.parse(await pgBackRest(layout, ["info", "--output=json"], { timeoutMs: 60_000 })) as InfoJson[];
  const archive = info?.archive?.at(-1);
  return {
    status: info?.status?.message ?? "missing",
    cipher: info?.cipher ?? "none",
    walMin: archive?.min ?? null,
    walMax: archive?.max ?? null,
    backups: (info?.backup ?? []).map((b) => ({
      label: b.label,
      kind: b.type,
      startedAt: new Date(b.timestamp.start * 1000),
      stoppedAt: new Date(b.timestamp.stop * 1000),
      databaseBytes: b.info.size,
      repositoryBytes: b.info.repository.delta,
      walStart: b.archive.start,
      walStop: b.archive.stop,
      error: b.error ?? false,
    })),
  };
};

/** The last successful backup of each kind ("any" counts every kind). */
export const lastSuccess = (info: RepositoryInfo) => {
  const ok = info.backups.filter((b) => !b.error);
  const last = (kinds: readonly string[]) =>
    ok
      .filter((b) => kinds.includes(b.kind))
      .map((b) => b.stoppedAt)
      .sort((a, b) => a.getTime() - b.getTime())
      .pop();
  return { full: last(["full"]), incr: last(["incr", "diff"]), any: last(["full", "incr", "diff"]) };
};

/** Creates the stanza on first use (idempotent: an existing, matching one is left as it is). */
export const ensureStanza = async (layout: BackupLayout, url: string) => {
  const access = await serverAccessOf(url);
  await pgBackRest(layout, ["stanza-create"], { access, timeoutMs: 120_000 });
  return access;
};

/**
 * A backup of the running server, now: full when the repository has none, else the kind asked for.
 * pgBackRest applies the retention (12 fulls) afterwards. Resolves with the new set.
 */
export const takeBackup = async (layout: BackupLayout, url: string, kind: BackupKind, signal?: AbortSignal) => {
  const access = await ensureStanza(layout, url);
  const before = lastSuccess(await repositoryInfo(layout));
  const type = before.full ? kind : "full";
  const started = performance.now();
  await pgBackRest(layout, ["backup", `--type=${type}`], { access, ...(signal ? { signal } : {}) });
  const info = await repositoryInfo(layout);
  const set = info.backups.at(-1);
  if (!set) throw new Error("pgbackrest reported success but the repository lists no backup");
  return { set, seconds: (performance.now() - started) / 1000 };
};
