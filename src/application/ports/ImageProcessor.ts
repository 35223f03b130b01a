import { Context, type Effect } from "effect";

export type ImageUnreadable = { readonly _tag: "ImageUnreadable"; readonly reason: string };

export interface ProcessedImage {
  /** WebP, orientation applied, no metadata, longest side at most DISPLAY_MAX_SIDE. */
  readonly display: Uint8Array;
  /** WebP square thumbnail. */
  readonly thumbnail: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Reads image headers and re-encodes images (sharp in production). */
export class ImageProcessor extends Context.Service<
  ImageProcessor,
  {
    /** Width and height from the header alone, nothing decoded; null when the header is unreadable. */
    readonly header: (bytes: Uint8Array) => Effect.Effect<{ readonly width: number; readonly height: number } | null>;
    /** Decodes and re-encodes: every EXIF, XMP and IPTC field dropped, orientation applied. */
    readonly process: (bytes: Uint8Array) => Effect.Effect<ProcessedImage, ImageUnreadable>;
  }
>()("dongne/ImageProcessor") {}
