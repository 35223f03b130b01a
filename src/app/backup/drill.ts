import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BackupLayout } from "../../adapters/pgbackrest/PgBackRest.js";
import { ARCHIVE_TIMEOUT_S } from "../../adapters/postgres/EmbeddedPostgres.js";
import { archiverStatus, contentSummary, drillChecks, switchWalAndWait, writeDrillMark } from "../../adapters/postgres/PgOperations.js";
import { ensureStanza, lastSuccess, repositoryInfo, takeBackup } from "./backups.js";
import { restoreInto } from "./restore.js";
import { type DrillReport, writeDrillReport } from "./status.js";

/**
 * The restore drill: the newest backup (one is taken if there is none) restored into a scratch
 * directory at a target a moment ago, WAL replayed to it, then checked — amcheck, the migration
 * version, the ledger's invariants, and two marks written around the target (the one before it must be
 * there, the one after it must not). Measures the RPO (how old the newest archived WAL was when the
 * drill began: what a lost disk would have cost) and the RTO (restore until the copy accepts
 * connections). The report is kept for the service's metrics; the scratch copy is removed.
 */
export const runDrill = async (layout: BackupLayout, url: string, log: (msg: string) => void = () => {}): Promise<DrillReport> => {
  const began = new Date();
  const scratch = mkdtempSync(join(tmpdir(), "dongne-drill-"));
  // The server's account (postgres, when run as root) passes through to the copy.
  chmodSync(scratch, 0o711);
  try {
    const archiver = await archiverStatus(url);
    if (archiver.archiveMode !== "on")
      throw new Error(`WAL archiving is ${archiver.archiveMode} on this server: point-in-time recovery is impossible`);
    const rpoSeconds = archiver.lastArchivedAt ? Math.max(0, (began.getTime() - archiver.lastArchivedAt.getTime()) / 1000) : null;
    await ensureStanza(layout, url);
    let newest = lastSuccess(await repositoryInfo(layout)).any;
    if (!newest) {
      log("no backup yet: taking a full one first");
      newest = (await takeBackup(layout, url, "full")).set.stoppedAt;
    }
    // pgBackRest picks a backup whose stop time (whole seconds) is before the target: keep the target clear of it.
    const clear = newest.getTime() + 1_500 - Date.now();
    if (clear > 0) await new Promise((r) => setTimeout(r, clear));
    const before = await writeDrillMark(url);
    const target = new Date();
    // A commit after the target: recovery stops at the first one past it (and must find one to stop).
    await new Promise((r) => setTimeout(r, 20));
    const after = await writeDrillMark(url);
    const archived = await switchWalAndWait(url);
    const live = await contentSummary(url);
    const restored = await restoreInto(
      layout,
      target,
      join(scratch, "data"),
      async (copy) => {
        const checks = [...(await drillChecks(copy, { markId: before.id }))];
        const content = await contentSummary(copy);
        const leaked = await drillChecks(copy, { markId: after.id });
        const afterMark = leaked.find((c) => c.name === "recovered to target");
        checks.push({
          name: "stopped at target",
          ok: afterMark?.ok === false,
          detail: `drill mark ${after.id}, written after the target, ${afterMark?.ok ? "PRESENT (recovery overshot)" : "absent"}`,
        });
        checks.push({
          name: "content",
          ok: content.questions === live.questions && content.users === live.users,
          detail: `questions ${content.questions}/${live.questions}, answers ${content.answers}/${live.answers}, users ${content.users}/${live.users} (copy/live)`,
        });
        return checks;
      },
      log,
    );
    const report: DrillReport = {
      ok: restored.inspected.every((c) => c.ok),
      at: began.toISOString(),
      rpoSeconds,
      rtoSeconds: restored.restoreSeconds + restored.recoverySeconds,
      checks: [
        ...restored.inspected,
        {
          name: "measured",
          ok: true,
          detail: `restore ${restored.restoreSeconds.toFixed(1)} s + recovery ${restored.recoverySeconds.toFixed(1)} s; archiving one segment took ${(archived.ms / 1000).toFixed(2)} s; RPO bound archive_timeout ${ARCHIVE_TIMEOUT_S} s`,
        },
      ],
    };
    writeDrillReport(layout, report);
    return report;
  } catch (e) {
    const report: DrillReport = {
      ok: false,
      at: began.toISOString(),
      rpoSeconds: null,
      rtoSeconds: null,
      checks: [],
      error: (e as Error).message,
    };
    writeDrillReport(layout, report);
    return report;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
