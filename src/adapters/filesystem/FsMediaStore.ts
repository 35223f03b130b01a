import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Effect, Layer } from "effect";
import { DependencyUnavailable } from "../../application/errors.js";
import { MediaEndpoint, MediaStore } from "../../application/ports/MediaStore.js";
import { type ByteBackend, isLocalObjectKey, localMediaStore } from "../local-media/localMediaStore.js";
import { makeUrlSigner } from "../local-media/signedUrls.js";

const unavailable = (e: unknown) => new DependencyUnavailable("storage", e instanceof Error ? e.message : String(e), { cause: e });
const absent = (e: unknown) => (e as { code?: string }).code === "ENOENT";

/** Object keys become paths below `root` only when they have the domain's shape: no `..`, no absolute path. */
const fsBackend = (root: string): ByteBackend => {
  const pathOf = (key: string) => {
    if (!isLocalObjectKey(key)) throw new Error(`not an object key: ${JSON.stringify(key)}`);
    return join(root, key);
  };
  const attempt = <A>(f: () => Promise<A>) => Effect.tryPromise({ try: f, catch: unavailable }).pipe(Effect.orDie);
  return {
    read: (key, maxBytes) =>
      attempt(async () => {
        const file = await open(pathOf(key), "r").catch((e: unknown) => (absent(e) ? null : Promise.reject(e)));
        if (!file) return null;
        try {
          const size = (await file.stat()).size;
          const buffer = Buffer.alloc(Math.min(size, maxBytes + 1));
          const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
          return new Uint8Array(buffer.subarray(0, bytesRead));
        } finally {
          await file.close();
        }
      }),
    // Written aside, then renamed: a reader never sees half a file.
    write: (key, bytes) =>
      attempt(async () => {
        const path = pathOf(key);
        await mkdir(dirname(path), { recursive: true });
        const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, path);
      }),
    remove: (key) => attempt(() => rm(pathOf(key), { force: true })),
    exists: (key) =>
      attempt(() =>
        stat(pathOf(key)).then(
          () => true,
          (e: unknown) => (absent(e) ? false : Promise.reject(e)),
        ),
      ),
  };
};

/** The secret the local store signs its URLs with: given, or made once and kept in `secretFile` (0600). */
export const loadSigningSecret = async (secretFile: string): Promise<Uint8Array> => {
  try {
    return new Uint8Array(await readFile(secretFile));
  } catch (e) {
    if (!absent(e)) throw e;
  }
  await mkdir(dirname(secretFile), { recursive: true });
  const secret = randomBytes(32);
  // `wx`: two processes starting at once on one DATA_DIR keep the first one's secret.
  await writeFile(secretFile, secret, { mode: 0o600, flag: "wx" }).catch((e: unknown) =>
    (e as { code?: string }).code === "EEXIST" ? undefined : Promise.reject(e),
  );
  return new Uint8Array(await readFile(secretFile));
};

/** The default store: files under `root` (DATA_DIR/media), served by the service's own /media route. */
export const FsMediaStore = (options: { readonly root: string; readonly secret: Uint8Array; readonly baseUrl?: string }) => {
  const { store, endpoint } = localMediaStore(fsBackend(options.root), makeUrlSigner(options.secret), options.baseUrl);
  return Layer.merge(Layer.succeed(MediaStore, store), Layer.succeed(MediaEndpoint, endpoint));
};
