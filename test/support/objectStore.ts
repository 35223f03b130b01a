import { readFileSync } from "node:fs";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Options } from "../../src/adapters/s3/S3MediaStore.js";

/** The S3Proxy that scripts/object-store.sh started (by .ci/run, or by the test setup when it was down). */
export const OBJECT_STORE_STATE = process.env.OBJECT_STORE_STATE ?? "/tmp/dongne-object-store";
export const objectStoreEndpoint = () => process.env.OBJECT_STORE_URL ?? readFileSync(`${OBJECT_STORE_STATE}/endpoint`, "utf8").trim();

/** The fixed test credentials of scripts/object-store.sh. */
export const OBJECT_STORE_CREDENTIALS = { accessKeyId: "dongne-test", secretAccessKey: "dongne-test-secret" } as const;

let bucketCount = 0;

/** A fresh bucket on S3Proxy, and the adapter options for it. */
export const freshBucket = async (): Promise<S3Options> => {
  const endpoint = objectStoreEndpoint();
  const bucket = `dongne-test-${process.pid}-${Date.now().toString(36)}-${++bucketCount}`;
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: OBJECT_STORE_CREDENTIALS });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return { bucket, endpoint, region: "us-east-1", credentials: OBJECT_STORE_CREDENTIALS, forcePathStyle: true, timeoutMs: 5_000 };
};
