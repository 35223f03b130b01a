import { err, ok, type Result } from "neverthrow";
import type { UserId } from "../shared/ids.js";
import { kstDay } from "../shared/time.js";

/**
 * Images people attach to questions and answers. An upload goes straight to the object store under a
 * key the service picked; it is then checked and re-encoded, and only the re-encoded versions are served.
 */

/** What the image library here reads and the service accepts. HEIC is not among them (see the README). */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_PIXELS = 40_000_000;
/** Uploads never attached to a post are deleted after this long. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** The presigned upload is good for this long. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

export const isImageType = (s: string): s is ImageType => (IMAGE_TYPES as readonly string[]).includes(s);

/**
 * A media key is what the service hands out: lower-case letters, digits and hyphens (a UUID), so no key
 * can name a path (`../`, `/`), a URL or another object.
 */
export const MEDIA_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const isMediaKey = (s: string) => MEDIA_KEY.test(s);

/** Where each version of an upload lives in the object store. The original is never served. */
export const objectKeys = (key: string) => ({
  original: `uploads/${key}`,
  display: `images/${key}/display.webp`,
  thumbnail: `images/${key}/thumb.webp`,
});
export const allObjectKeys = (key: string) => Object.values(objectKeys(key));

/** Served versions: the display size (longest side) and the thumbnail (square crop). */
export const DISPLAY_MAX_SIDE = 1600;
export const THUMBNAIL_SIDE = 320;

/**
 * The start of the window a served URL is signed from (half its lifetime long): everyone gets the same URL
 * within a window, so a CDN can cache it, and it stays valid for at least half its lifetime.
 */
export const urlWindowStart = (now: Date, ttlSeconds: number) => {
  const windowMs = Math.max(1, Math.floor(ttlSeconds / 2)) * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
};

export type PostRef = { readonly kind: "question" | "answer"; readonly id: string };

export type UploadStatus = "pending" | "confirmed";

export interface MediaUpload {
  readonly key: string;
  readonly ownerId: UserId;
  readonly contentType: ImageType;
  readonly size: number;
  readonly status: UploadStatus;
  /** Of the served display version, once confirmed. */
  readonly width: number | null;
  readonly height: number | null;
  readonly attachedTo: PostRef | null;
  readonly createdAt: Date;
  readonly confirmedAt: Date | null;
}

export type UnsupportedImageType = { readonly _tag: "UnsupportedImageType"; readonly contentType: string };
export type ImageTooLarge = { readonly _tag: "ImageTooLarge"; readonly max: number; readonly actual: number };
export type ImageTooManyPixels = { readonly _tag: "ImageTooManyPixels"; readonly max: number; readonly actual: number };
export type UploadLimitReached = { readonly _tag: "UploadLimitReached"; readonly limit: number };
export type MediaNotFound = { readonly _tag: "MediaNotFound" };
export type MediaNotYours = { readonly _tag: "MediaNotYours" };
export type MediaNotUploaded = { readonly _tag: "MediaNotUploaded" };
export type MediaNotConfirmed = { readonly _tag: "MediaNotConfirmed" };
export type MediaAlreadyAttached = { readonly _tag: "MediaAlreadyAttached" };

export type UploadRequestError = UnsupportedImageType | ImageTooLarge | UploadLimitReached;
export type ImageCheckError = UnsupportedImageType | ImageTooLarge | ImageTooManyPixels;
export type AttachError = MediaNotFound | MediaNotYours | MediaNotConfirmed | MediaAlreadyAttached;

export const MediaNotFound: MediaNotFound = { _tag: "MediaNotFound" };
export const MediaNotYours: MediaNotYours = { _tag: "MediaNotYours" };
export const MediaNotUploaded: MediaNotUploaded = { _tag: "MediaNotUploaded" };

/** The start of the Korean calendar day `at` falls on: daily upload limits count from there. */
export const startOfKstDay = (at: Date): Date => new Date(`${kstDay(at)}T00:00:00+09:00`);

export interface UploadRequest {
  readonly contentType: string;
  readonly size: number;
}

/** Whether an upload may start: a type we read, a size within the limit, and the caller's daily quota. */
export const checkUploadRequest = (
  request: UploadRequest,
  uploadsToday: number,
  dailyLimit: number,
): Result<{ readonly contentType: ImageType; readonly size: number }, UploadRequestError> => {
  const contentType = request.contentType.trim().toLowerCase();
  if (!isImageType(contentType)) return err({ _tag: "UnsupportedImageType", contentType: request.contentType });
  if (request.size > MAX_UPLOAD_BYTES) return err({ _tag: "ImageTooLarge", max: MAX_UPLOAD_BYTES, actual: request.size });
  if (uploadsToday >= dailyLimit) return err({ _tag: "UploadLimitReached", limit: dailyLimit });
  return ok({ contentType, size: request.size });
};

const startsWith = (bytes: Uint8Array, offset: number, signature: readonly number[]) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** HEIF brands (ISO/IEC 23008-12): recognised so a HEIC upload is refused by name rather than as "not an image". */
const HEIC_BRANDS = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

export type SniffedType = ImageType | "image/heic";

/** The type the bytes themselves say (magic numbers), whatever name or type the upload claimed. */
export const sniffImageType = (bytes: Uint8Array): SniffedType | null => {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) return "image/webp";
  if (startsWith(bytes, 4, ascii("ftyp")) && HEIC_BRANDS.some((brand) => startsWith(bytes, 8, ascii(brand)))) return "image/heic";
  return null;
};

/**
 * Whether stored bytes may be processed: magic bytes of an accepted type, the size limit, and the pixel
 * limit from the header's dimensions, before anything decodes them (a pixel flood never reaches the decoder).
 */
export const checkImage = (
  sniffed: SniffedType | null,
  size: number,
  header: { readonly width: number; readonly height: number } | null,
): Result<ImageType, ImageCheckError> => {
  if (sniffed === null || !isImageType(sniffed)) return err({ _tag: "UnsupportedImageType", contentType: sniffed ?? "unknown" });
  if (size > MAX_UPLOAD_BYTES) return err({ _tag: "ImageTooLarge", max: MAX_UPLOAD_BYTES, actual: size });
  if (header === null || header.width <= 0 || header.height <= 0) return err({ _tag: "UnsupportedImageType", contentType: sniffed });
  const pixels = header.width * header.height;
  if (pixels > MAX_PIXELS) return err({ _tag: "ImageTooManyPixels", max: MAX_PIXELS, actual: pixels });
  return ok(sniffed);
};

/** Whether `upload` may be attached to a post by `actor` (confirmed, the actor's own, attached nowhere else). */
export const checkAttachable = (upload: MediaUpload | undefined, actor: UserId, to: PostRef): Result<MediaUpload, AttachError> => {
  if (!upload) return err(MediaNotFound);
  if (upload.ownerId !== actor) return err(MediaNotYours);
  if (upload.status !== "confirmed") return err({ _tag: "MediaNotConfirmed" });
  if (upload.attachedTo && (upload.attachedTo.kind !== to.kind || upload.attachedTo.id !== to.id))
    return err({ _tag: "MediaAlreadyAttached" });
  return ok(upload);
};

/** Distinct keys in their first order: the same image twice is one image. */
export const distinctKeys = (keys: readonly string[]) => [...new Set(keys)];
