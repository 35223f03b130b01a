import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { makeS3Client, type S3Options } from "../s3/S3MediaStore.js";
import type { ObjectEntry, ObjectSource } from "./objectSource.js";

const isMissing = (e: unknown) =>
  (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404 || (e as { name?: string }).name === "NoSuchKey";

/** The S3 bucket of the media store: listed page by page (ListObjectsV2), objects read and written whole (images are small). */
export const s3ObjectSource = (
  o: S3Options,
  client: S3Client = makeS3Client({ ...o, timeoutMs: Math.max(o.timeoutMs, 30_000) }),
): ObjectSource => ({
  describe: `s3 ${o.bucket}${o.endpoint ? ` at ${o.endpoint}` : ""}`,
  list: async () => {
    const found: ObjectEntry[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: o.bucket, ContinuationToken }));
      for (const c of page.Contents ?? [])
        if (c.Key) found.push({ key: c.Key, size: c.Size ?? 0, version: `${c.ETag ?? ""}-${c.Size ?? 0}` });
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return found;
  },
  read: async (key) => {
    try {
      const got = await client.send(new GetObjectCommand({ Bucket: o.bucket, Key: key }));
      return { bytes: got.Body ? await got.Body.transformToByteArray() : new Uint8Array(), contentType: got.ContentType };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  },
  write: async (key, { bytes, contentType }) => {
    await client.send(
      new PutObjectCommand({ Bucket: o.bucket, Key: key, Body: bytes, ...(contentType ? { ContentType: contentType } : {}) }),
    );
  },
});
