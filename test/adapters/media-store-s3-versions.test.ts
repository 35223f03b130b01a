import { DeleteObjectsCommand, ListObjectVersionsCommand, type S3Client } from "@aws-sdk/client-s3";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { makeS3MediaStore } from "../../src/adapters/s3/S3MediaStore.js";

// S3Proxy answers NotImplemented to versioning, so a versioned bucket is played by a stand-in client here.
const versionedBucket = (objects: Map<string, string[]>) => {
  const deleted: { Key?: string; VersionId?: string }[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof ListObjectVersionsCommand) {
        const prefix = command.input.Prefix ?? "";
        const Versions = [...objects]
          .filter(([k]) => k.startsWith(prefix))
          .flatMap(([Key, ids]) => ids.map((VersionId) => ({ Key, VersionId })));
        return { Versions, DeleteMarkers: [{ Key: `${prefix}`, VersionId: "marker-1" }], IsTruncated: false };
      }
      if (command instanceof DeleteObjectsCommand) {
        deleted.push(...(command.input.Delete?.Objects ?? []));
        return { Errors: [] };
      }
      throw new Error("unexpected command");
    },
  } as unknown as S3Client;
  return { client, deleted };
};

describe("S3 removal on a versioned bucket", () => {
  it("deletes the current object and every version and delete marker of it, and nothing of other keys", async () => {
    const { client, deleted } = versionedBucket(
      new Map([
        ["images/k/display.webp", ["v1", "v2"]],
        ["images/k/display.webp.other", ["v9"]],
      ]),
    );
    const store = makeS3MediaStore({ bucket: "b", region: "r", forcePathStyle: true, timeoutMs: 1_000 }, client);
    await Effect.runPromise(store.remove(["images/k/display.webp"]));
    expect(deleted).toEqual([
      { Key: "images/k/display.webp" },
      { Key: "images/k/display.webp", VersionId: "v1" },
      { Key: "images/k/display.webp", VersionId: "v2" },
      { Key: "images/k/display.webp", VersionId: "marker-1" },
    ]);
  });
});
