import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BackupLayout } from "../../adapters/pgbackrest/PgBackRest.js";
import { type ArchiverStatus, archiverStatus } from "../../adapters/postgres/PgOperations.js";
import { nextFullRun, nextScheduledRun } from "../../domain/operations/backupSchedule.js";
import { lastSuccess, type RepositoryInfo, repositoryInfo } from "./backups.js";

/** What the last drill found, kept in the layout so the service's metrics and `backup:status` can show it. */
export interface DrillReport {
  readonly ok: boolean;
  readonly at: string;
  readonly rpoSeconds: number | null;
  readonly rtoSeconds: number | null;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly detail: string }[];
  readonly error?: string;
}

const drillFile = (layout: BackupLayout) => join(layout.dir, "drill.json");

export const writeDrillReport = (layout: BackupLayout, report: DrillReport) =>
  writeFileSync(drillFile(layout), `${JSON.stringify(report, null, 2)}\n`, { mode: 0o644 });

export const readDrillReport = (layout: BackupLayout): DrillReport | undefined => {
  try {
    return JSON.parse(readFileSync(drillFile(layout), "utf8")) as DrillReport;
  } catch {
    return undefined;
  }
};

/** Bytes on disk under the repository (backups and WAL). */
export const directoryBytes = (path: string): number => {
  if (!existsSync(path)) return 0;
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
};

export interface BackupStatus {
  readonly repository: { readonly path: string; readonly bytes: number; readonly status: string; readonly cipher: string };
  readonly lastFull: Date | undefined;
  readonly lastIncremental: Date | undefined;
  readonly info: RepositoryInfo;
  readonly archiver: ArchiverStatus | undefined;
  readonly schedule:
    | { readonly on: true; readonly next: { readonly at: Date; readonly kind: string }; readonly nextFull: Date }
    | { readonly on: false };
  readonly drill: DrillReport | undefined;
}

/** The seed's status report: last success per kind, the archive, the next scheduled run, the repository's size, the last drill. */
export const backupStatus = async (
  layout: BackupLayout,
  url: string | undefined,
  scheduleOn: boolean,
  now = new Date(),
): Promise<BackupStatus> => {
  // An unreadable repository (permissions, a full disk) is reported, with the archiver beside it, not thrown.
  const info = await repositoryInfo(layout).catch(
    (e: unknown): RepositoryInfo => ({
      status: `UNREADABLE: ${e instanceof Error ? e.message : String(e)}`,
      backups: [],
      walMin: null,
      walMax: null,
      cipher: "unknown",
    }),
  );
  const last = lastSuccess(info);
  return {
    repository: { path: layout.repoPath, bytes: directoryBytes(layout.repoPath), status: info.status, cipher: info.cipher },
    lastFull: last.full,
    lastIncremental: last.incr,
    info,
    archiver: url ? await archiverStatus(url) : undefined,
    schedule: scheduleOn ? { on: true, next: nextScheduledRun(now), nextFull: nextFullRun(now) } : { on: false },
    drill: readDrillReport(layout),
  };
};
