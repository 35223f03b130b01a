import { resolve } from "node:path";
import { backupLayout, pgBackRestInstalled, prepareBackups } from "../../adapters/pgbackrest/PgBackRest.js";
import type { Config } from "../config.js";

/** This DATA_DIR's backup layout, from the BACKUP_* variables. */
export const layoutOf = (config: Config) =>
  backupLayout(resolve(config.DATA_DIR), { repoPath: config.BACKUP_REPO_PATH, cipherPass: config.BACKUP_CIPHER_PASS });

/**
 * The embedded server's archive command: pgBackRest's configuration for this DATA_DIR is written first.
 * Without pgbackrest installed archiving stays off (WAL would pile up behind a failing command) and
 * that is said, loudly, at every start.
 */
export const embeddedArchiving = async (config: Config, log: (msg: string) => void): Promise<{ archiveCommand?: string }> => {
  if (!(await pgBackRestInstalled())) {
    log("backups are OFF: pgbackrest is not installed, so WAL archiving is off (apt-get install -y pgbackrest, then restart)");
    return {};
  }
  return { archiveCommand: prepareBackups(layoutOf(config), { repoPath: config.BACKUP_REPO_PATH, cipherPass: config.BACKUP_CIPHER_PASS }) };
};
