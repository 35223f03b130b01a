import { Layer } from "effect";
import { describe, expect, it } from "vitest";
import { makeS3MediaStore } from "../../src/adapters/s3/S3MediaStore.js";
import { MediaStore } from "../../src/application/ports/MediaStore.js";
import { mediaStoreContract } from "../contract/MediaStore.contract.js";
import { httpHarness } from "../support/mediaHarness.js";
import { freshBucket } from "../support/objectStore.js";

mediaStoreContract("S3 (S3Proxy)", async () => {
  const options = await freshBucket();
  return httpHarness(Layer.succeed(MediaStore, makeS3MediaStore(options)));
});

describe("S3 specifics (S3Proxy)", () => {
  it("dies with DependencyUnavailable('storage') when the store does not answer", async () => {
    const options = { ...(await freshBucket()), endpoint: "http://127.0.0.1:1", timeoutMs: 500 };
    const h = httpHarness(Layer.succeed(MediaStore, makeS3MediaStore(options)));
    await expect(h.run(MediaStore.use((s) => s.exists("images/x/display.webp")))).rejects.toThrow(/storage unavailable/);
    await h.dispose();
  });
});
