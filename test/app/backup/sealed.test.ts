import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deriveKey, openBytes, openFile, SealedFileError, sealBytes, sealFile } from "../../../src/adapters/sealed/sealed.js";

const dir = mkdtempSync(join(tmpdir(), "dongne-sealed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sealed backup files (AES-256-GCM)", () => {
  const key = deriveKey("a repository passphrase of enough length", "media");

  it("derives different keys per purpose and per passphrase", () => {
    expect(key).toHaveLength(32);
    expect(deriveKey("a repository passphrase of enough length", "redis").equals(key)).toBe(false);
    expect(deriveKey("another passphrase of enough length", "media").equals(key)).toBe(false);
    expect(deriveKey("a repository passphrase of enough length", "media").equals(key)).toBe(true);
  });

  it("round-trips bytes, hides them, and refuses a wrong key or a changed byte", () => {
    const plain = Buffer.from("제주 동네 사진 bytes ".repeat(50));
    const sealed = sealBytes(key, plain);
    expect(sealed.includes(Buffer.from("제주 동네"))).toBe(false);
    expect(openBytes(key, sealed).equals(plain)).toBe(true);
    expect(sealBytes(key, plain).equals(sealed)).toBe(false); // a fresh IV each time
    expect(() => openBytes(deriveKey("wrong passphrase, long enough", "media"), sealed)).toThrow(SealedFileError);
    const changed = Buffer.from(sealed);
    changed[30] = (changed[30] ?? 0) ^ 1;
    expect(() => openBytes(key, changed)).toThrow(SealedFileError);
    expect(() => openBytes(key, Buffer.from("not sealed"))).toThrow(SealedFileError);
    expect(openBytes(key, sealBytes(key, new Uint8Array())).length).toBe(0);
  });

  it("streams a large file through and back, and leaves nothing behind when the tag does not verify", async () => {
    const source = join(dir, "big.rdb");
    const plain = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(source, plain);
    await sealFile(key, source, join(dir, "big.sealed"));
    await openFile(key, join(dir, "big.sealed"), join(dir, "back.rdb"));
    expect(readFileSync(join(dir, "back.rdb")).equals(plain)).toBe(true);
    // The streamed format is the buffer format: either side opens the other's.
    expect(openBytes(key, readFileSync(join(dir, "big.sealed"))).equals(plain)).toBe(true);

    const sealed = readFileSync(join(dir, "big.sealed"));
    sealed[1_000_000] = (sealed[1_000_000] ?? 0) ^ 1;
    writeFileSync(join(dir, "changed.sealed"), sealed);
    await expect(openFile(key, join(dir, "changed.sealed"), join(dir, "changed.rdb"))).rejects.toThrow(SealedFileError);
    expect(() => readFileSync(join(dir, "changed.rdb"))).toThrow();

    writeFileSync(join(dir, "empty"), "");
    await sealFile(key, join(dir, "empty"), join(dir, "empty.sealed"));
    await openFile(key, join(dir, "empty.sealed"), join(dir, "empty.back"));
    expect(readFileSync(join(dir, "empty.back")).length).toBe(0);
  });
});
