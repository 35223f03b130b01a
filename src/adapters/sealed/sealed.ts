import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Files encrypted at rest with AES-256-GCM (node:crypto): `DNE1`, a 12-byte random IV, the ciphertext,
 * and the 16-byte authentication tag at the end. A wrong key or a changed byte fails to open, never
 * yields wrong plaintext.
 */
const MAGIC = Buffer.from("DNE1");
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES;

export class SealedFileError extends Error {}

/** A 32-byte key for one purpose, derived from the repository's passphrase (HKDF-SHA256). */
export const deriveKey = (passphrase: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync("sha256", passphrase, "dongne-ask backups v1", purpose, 32));

export const sealBytes = (key: Buffer, plain: Uint8Array): Buffer => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  return Buffer.concat([MAGIC, iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
};

export const openBytes = (key: Buffer, sealed: Uint8Array): Buffer => {
  const data = Buffer.from(sealed);
  if (data.length < HEADER_BYTES + TAG_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SealedFileError("not a sealed backup file");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(MAGIC.length, HEADER_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedFileError("the backup file does not open with this key (wrong key, or the file was changed)");
  }
};

/** Streams `source` into `target` sealed (large files such as an RDB never sit in memory); written aside, then renamed. */
export const sealFile = async (key: Buffer, source: string, target: string): Promise<void> => {
  const temp = `${target}.${randomBytes(4).toString("hex")}.tmp`;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const out = createWriteStream(temp, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, iv]));
  try {
    await pipeline(createReadStream(source), cipher, out, { end: false });
    await new Promise<void>((done, fail) => out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? fail(e) : done())));
    await rename(temp, target);
  } catch (e) {
    out.destroy();
    await rm(temp, { force: true });
    throw e;
  }
};

/** Streams a sealed file back to plaintext in `target`; nothing is left there unless the tag verified. */
export const openFile = async (key: Buffer, source: string, target: string): Promise<void> => {
  const size = (await stat(source)).size;
  if (size < HEADER_BYTES + TAG_BYTES) throw new SealedFileError("not a sealed backup file");
  const handle = await open(source, "r");
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(header, 0, HEADER_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealedFileError("not a sealed backup file");
  const decipher = createDecipheriv("aes-256-gcm", key, header.subarray(MAGIC.length));
  decipher.setAuthTag(tag);
  const temp = `${target}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await pipeline(
      size > HEADER_BYTES + TAG_BYTES ? createReadStream(source, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }) : Readable.from([]),
      decipher,
      createWriteStream(temp, { mode: 0o600 }),
    );
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    if (e instanceof Error && /auth/i.test(e.message))
      throw new SealedFileError("the backup file does not open with this key (wrong key, or the file was changed)");
    throw e;
  }
};
