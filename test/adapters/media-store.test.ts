import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FsMediaStore, loadSigningSecret } from "../../src/adapters/filesystem/FsMediaStore.js";
import { makeInMemoryMediaStore } from "../../src/adapters/in-memory/InMemoryMediaStore.js";
import { MediaStore } from "../../src/application/ports/MediaStore.js";
import { mediaStoreContract } from "../contract/MediaStore.contract.js";
import { localHarness } from "../support/mediaHarness.js";

const fsHarness = () => {
  const root = mkdtempSync(join(tmpdir(), "dongne-media-"));
  return localHarness(FsMediaStore({ root, secret: randomBytes(32) }), async () => rmSync(root, { recursive: true, force: true }));
};

mediaStoreContract("in-memory", () => localHarness(makeInMemoryMediaStore().layer));
mediaStoreContract("filesystem", fsHarness);

describe("the local stores' own rules", () => {
  it("serve processed versions only: a signed URL for an original is refused", async () => {
    const h = await localHarness(makeInMemoryMediaStore().layer);
    await h.run(MediaStore.use((s) => s.write("uploads/k1", new Uint8Array([1, 2, 3]), "image/jpeg")));
    const url = await h.run(MediaStore.use((s) => s.url("uploads/k1", new Date(), 3600)));
    expect((await h.get(url)).status).toBe(403);
    await h.dispose();
  });

  it("refuse keys that name a path, on disk nothing outside the root is touched", async () => {
    const root = mkdtempSync(join(tmpdir(), "dongne-media-"));
    const h = await localHarness(FsMediaStore({ root, secret: randomBytes(32) }));
    const upload = await h.run(
      MediaStore.use((s) =>
        s.presignUpload("uploads/../../escape", { contentType: "image/jpeg", size: 3, now: new Date(), expiresInSeconds: 60 }),
      ),
    );
    expect(await h.put(upload, new Uint8Array([1, 2, 3]))).toBe(403);
    expect(readdirSync(root)).toEqual([]);
    await h.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("keep one signing secret per DATA_DIR, made once with mode 0600", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dongne-secret-"));
    const file = join(dir, "media.secret");
    const [a, b] = await Promise.all([loadSigningSecret(file), loadSigningSecret(file)]);
    expect(a).toEqual(b);
    expect(a.length).toBe(32);
    expect(await loadSigningSecret(file)).toEqual(a);
    rmSync(dir, { recursive: true, force: true });
  });

  it("cache a served image until its URL expires", async () => {
    const h = await localHarness(makeInMemoryMediaStore().layer);
    await h.run(MediaStore.use((s) => s.write("images/k2/thumb.webp", new Uint8Array([9]), "image/webp")));
    const url = await h.run(MediaStore.use((s) => s.url("images/k2/thumb.webp", new Date(), 3600)));
    const got = await h.get(url);
    expect(got.headers.get("cache-control")).toMatch(/^public, max-age=\d+, immutable$/);
    expect(Number(got.headers.get("cache-control")?.match(/max-age=(\d+)/)?.[1])).toBeGreaterThanOrEqual(1800);
    await h.dispose();
  });
});
