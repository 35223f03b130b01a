import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carriesPrivateTags, phoneJpeg, textFile } from "../support/images.js";
import { freshBucket, OBJECT_STORE_CREDENTIALS } from "../support/objectStore.js";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const question = {
  title: "성산일출봉 앞 이 카페 이름 아시는 분?",
  content: "사진 속 카페가 성산일출봉 입구 근처였는데 이름이 기억나지 않아요. 아시는 분 알려주세요!",
  regionCode: "KR-49-02-05",
};

type Stores = { name: string; env: () => Promise<Record<string, string>> };

const stores: Stores[] = [
  { name: "the local filesystem store (the default)", env: async () => ({}) },
  {
    name: "S3 (S3Proxy)",
    env: async () => {
      const s3 = await freshBucket();
      return {
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint ?? "",
        S3_REGION: s3.region,
        S3_ACCESS_KEY_ID: OBJECT_STORE_CREDENTIALS.accessKeyId,
        S3_SECRET_ACCESS_KEY: OBJECT_STORE_CREDENTIALS.secretAccessKey,
      };
    },
  },
];

describe.each(stores)("images end to end on $name", ({ name, env }) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let api: ReturnType<typeof trpcClient>;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    server = await startServer(await env());
    api = trpcClient(server.url);
    alice = (await api.mutate("auth.register", { email: "alice@example.kr", password: "사진올리기2026!", nickname: "앨리스" })).data.token;
    bob = (await api.mutate("auth.register", { email: "bob@example.kr", password: "남의사진2026!", nickname: "밥" })).data.token;
    // A service start (embedded PostgreSQL, migrations) can take a minute on a loaded machine.
  }, 180_000);
  afterAll(() => server.stop());

  /** media.createUpload, then the bytes sent to the presigned URL exactly as a client would. */
  const upload = async (token: string, body: Uint8Array, contentType = "image/jpeg") => {
    const created = await api.mutate("media.createUpload", { contentType, size: body.length }, token);
    expect(created.status).toBe(200);
    const { key, upload: u } = created.data as { key: string; upload: { method: string; url: string; headers: Record<string, string> } };
    const put = await fetch(new URL(u.url, server.url), {
      method: u.method,
      headers: { "Content-Type": u.headers["Content-Type"] ?? "" },
      body,
    });
    await put.arrayBuffer();
    return { key, status: put.status, url: u.url };
  };

  it("serves a phone photo attached to a question without its GPS position or camera serial", async () => {
    const photo = await phoneJpeg(64, 48);
    expect(carriesPrivateTags(photo)).toBe(true);
    const sent = await upload(alice, photo);
    expect(sent.status).toBe(200);
    const confirmed = await api.mutate("media.confirm", { key: sent.key }, alice);
    expect(confirmed.status).toBe(200);
    expect(confirmed.data).toMatchObject({ key: sent.key, status: "confirmed", width: 48, height: 64 });

    const asked = await api.mutate("question.ask", { ...question, images: [sent.key] }, alice);
    expect(asked.status).toBe(200);
    const got = await api.query("question.get", { id: asked.data.id });
    expect(got.data.images).toEqual([sent.key]);
    expect(got.data.imageUrls).toHaveLength(1);
    for (const link of [got.data.imageUrls[0].url, got.data.imageUrls[0].thumbnailUrl] as string[]) {
      const res = await fetch(new URL(link, server.url));
      expect(res.status).toBe(200);
      const served = new Uint8Array(await res.arrayBuffer());
      expect(carriesPrivateTags(served)).toBe(false);
      const meta = await sharp(served).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif ?? meta.xmp ?? meta.iptc).toBeUndefined();
    }
    const display = await sharp(
      new Uint8Array(await (await fetch(new URL(got.data.imageUrls[0].url, server.url))).arrayBuffer()),
    ).metadata();
    // Orientation 6 applied to the pixels: 64×48 stored, 48×64 shown.
    expect([display.width, display.height]).toEqual([48, 64]);
  });

  it("gives the owner every image of theirs as one ZIP (the data export's archive), and nobody else", async () => {
    const sent = await upload(alice, await phoneJpeg(40, 30));
    expect((await api.mutate("media.confirm", { key: sent.key }, alice)).status).toBe(200);
    const exported = await api.query("user.exportData", undefined, alice);
    const archivePath = exported.data.imagesArchive as string;
    const res = await fetch(new URL(archivePath, server.url), { headers: { authorization: `Bearer ${alice}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toContain(`${sent.key}.webp`);
    const image = files[`${sent.key}.webp`] as Uint8Array;
    expect((await sharp(image).metadata()).format).toBe("webp");
    expect(carriesPrivateTags(image)).toBe(false);
    // Bob's archive holds none of Alice's images; without a session it is 401.
    const bobs = await fetch(new URL(archivePath, server.url), { headers: { authorization: `Bearer ${bob}` } });
    expect(Object.keys(unzipSync(new Uint8Array(await bobs.arrayBuffer())))).not.toContain(`${sent.key}.webp`);
    const anonymous = await fetch(new URL(archivePath, server.url));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a text file named .jpg, someone else's key and a path-like key, and writes nothing", async () => {
    const before = (await api.query("question.list", {})).data.items.length;
    const text = await upload(alice, textFile());
    const confirmText = await api.mutate("media.confirm", { key: text.key }, alice);
    expect(confirmText.status).toBe(400);
    expect(confirmText.error?.data.code).toBe("IMAGE_TYPE_UNSUPPORTED");
    expect(confirmText.error?.message).toMatch(/JPEG, PNG, WebP/);
    // Refused bytes are deleted: the key has nothing left to attach.
    expect((await api.mutate("question.ask", { ...question, images: [text.key] }, alice)).error?.data.code).toBe("MEDIA_NOT_UPLOADED");
    // Attaching an unchecked key checks it: a text file is refused the same way.
    const another = await upload(alice, textFile());
    const attachText = await api.mutate("question.ask", { ...question, images: [another.key] }, alice);
    expect(attachText.status).toBe(400);
    expect(attachText.error?.data.code).toBe("IMAGE_TYPE_UNSUPPORTED");

    const alices = await upload(alice, await phoneJpeg());
    const stolen = await api.mutate("question.ask", { ...question, images: [alices.key] }, bob);
    expect(stolen.status).toBe(403);
    expect(stolen.error?.data.code).toBe("MEDIA_NOT_YOURS");
    expect((await api.mutate("media.confirm", { key: alices.key }, bob)).error?.data.code).toBe("MEDIA_NOT_YOURS");

    for (const key of ["../../etc/passwd", "https://evil.example/cat.jpg", "uploads/x"]) {
      const pathLike = await api.mutate("question.ask", { ...question, images: [key] }, alice);
      expect(pathLike.status).toBe(400);
      expect(pathLike.error?.data.code).toBe("INVALID_MEDIA_KEY");
    }
    expect((await api.query("question.list", {})).data.items.length).toBe(before);
  });

  it("refuses an upload of another type, a type or size beyond the limits, and a forged download", async () => {
    const photo = await phoneJpeg();
    const created = await api.mutate("media.createUpload", { contentType: "image/jpeg", size: photo.length }, alice);
    const u = created.data.upload;
    const html = await fetch(new URL(u.url, server.url), { method: "PUT", headers: { "Content-Type": "text/html" }, body: photo });
    expect(html.status).toBe(403);
    await html.arrayBuffer();
    const heic = await api.mutate("media.createUpload", { contentType: "image/heic", size: 1000 }, alice);
    expect(heic.error?.data.code).toBe("IMAGE_TYPE_UNSUPPORTED");
    const big = await api.mutate("media.createUpload", { contentType: "image/png", size: 10 * 1024 * 1024 + 1 }, alice);
    expect(big.error?.data.code).toBe("IMAGE_TOO_LARGE");
    expect((await api.mutate("media.createUpload", { contentType: "image/png", size: 10 })).status).toBe(401);

    const sent = await upload(alice, photo);
    const confirmed = await api.mutate("media.confirm", { key: sent.key }, alice);
    const forged = new URL(confirmed.data.url, server.url);
    forged.pathname = forged.pathname.replace(sent.key, "00000000-0000-4000-8000-000000000000");
    expect((await fetch(forged)).status).toBeGreaterThanOrEqual(400);
  });

  it("answers odd requests on the media route with 4xx, never an error page or a crash", async () => {
    for (const path of ["/media/%ZZ", "/media/images/../uploads/x", "/media/", "/media/images/a/display.webp?expires=1e99&signature="]) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect((await fetch(`${server.url}/media/x`, { method: "DELETE" })).status).toBe(405);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; checks: Record<string, string> };
    expect(ready.status).toBe("ready");
    // The bucket is a dependency only when images are on S3.
    expect(ready.checks.objectStore).toBe(name.startsWith("S3") ? "up" : undefined);
  });
});
