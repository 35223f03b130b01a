import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { cipherPass } from "../../adapters/pgbackrest/PgBackRest.js";
import { deriveKey } from "../../adapters/sealed/sealed.js";
import type { Config } from "../config.js";
import { layoutOf } from "./archiving.js";

/** Where the Redis snapshots and the media backup live, and the key they are sealed with. */
export interface StoresLayout {
  readonly root: string;
  readonly redisDir: string;
  readonly mediaDir: string;
  /** AES-256-GCM key for one purpose ("redis", "media"), derived from the pgBackRest repository's passphrase. */
  readonly key: (purpose: "redis" | "media") => Buffer;
}

export const storesLayout = (root: string, passphrase: () => string): StoresLayout => {
  const base = resolve(root);
  let pass: string | undefined;
  return {
    root: base,
    redisDir: join(base, "redis"),
    mediaDir: join(base, "media"),
    key: (purpose) => {
      pass ??= passphrase();
      return deriveKey(pass, purpose);
    },
  };
};

/** This DATA_DIR's stores layout: BACKUP_STORES_PATH (or DATA_DIR/backup/stores), keyed like the pgBackRest repository. */
export const storesOf = (config: Config): StoresLayout => {
  const layout = layoutOf(config);
  return storesLayout(config.BACKUP_STORES_PATH ?? join(layout.dir, "stores"), () =>
    cipherPass(layout, { cipherPass: config.BACKUP_CIPHER_PASS }),
  );
};

/** Bytes of every file below `path` (0 when it does not exist). */
export const bytesUnder = (path: string): number =>
  existsSync(path)
    ? readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0)
    : 0;
