import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { isSafeKey, type ObjectSource } from "./objectSource.js";

/** The filesystem media store (DATA_DIR/media): every file below `root` except the store's own temporaries. */
export const fsObjectSource = (root: string): ObjectSource => ({
  describe: `filesystem ${root}`,
  list: async () => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(root, { recursive: true, withFileTypes: true });
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") return [];
      throw e;
    }
    const found = [];
    for (const e of entries) {
      if (!e.isFile() || e.name.endsWith(".tmp")) continue;
      const path = join(e.parentPath, e.name);
      const key = relative(root, path).split(sep).join("/");
      if (!isSafeKey(key)) continue;
      const s = await stat(path).catch(() => undefined);
      if (s) found.push({ key, size: s.size, version: `${Math.trunc(s.mtimeMs)}-${s.size}` });
    }
    return found;
  },
  read: (key) =>
    readFile(join(root, key)).then(
      (b) => ({ bytes: new Uint8Array(b) }),
      (e: unknown) => ((e as { code?: string }).code === "ENOENT" ? null : Promise.reject(e)),
    ),
  write: async (key, { bytes }) => {
    if (!isSafeKey(key)) throw new Error(`not an object key: ${JSON.stringify(key)}`);
    const path = join(root, key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  },
});
