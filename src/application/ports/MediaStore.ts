import { Context, type Effect } from "effect";

/** How the client sends the bytes: straight to the store, with a bound content type and length. */
export interface PresignedUpload {
  readonly method: "PUT";
  readonly url: string;
  /** Headers the client must send exactly as given (the signature covers them). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: Date;
}

/**
 * The object store of images (S3, the local filesystem, memory). Keys are the object keys of
 * src/domain/media (`uploads/…` originals, `images/…` served versions). A store that does not answer
 * in time dies with DependencyUnavailable("storage"): the caller gets a 503, nothing half-written stays.
 */
export class MediaStore extends Context.Service<
  MediaStore,
  {
    /** A URL the client PUTs the bytes to, good until `expiresAt`, for exactly this type and length. */
    readonly presignUpload: (
      objectKey: string,
      upload: { readonly contentType: string; readonly size: number; readonly now: Date; readonly expiresInSeconds: number },
    ) => Effect.Effect<PresignedUpload>;
    /** The object's bytes, or null when there is none; at most `maxBytes` + 1 are read, so a caller sees that it is too big. */
    readonly read: (objectKey: string, maxBytes: number) => Effect.Effect<Uint8Array | null>;
    readonly write: (objectKey: string, bytes: Uint8Array, contentType: string) => Effect.Effect<void>;
    /**
     * Where a client downloads the object: signed and expiring when the store is private. The URL is the
     * same for everyone within a window of `ttlSeconds / 2` (signed from the window's start), so a CDN
     * can cache it; it stays valid for at least that long.
     */
    readonly url: (objectKey: string, now: Date, ttlSeconds: number) => Effect.Effect<string>;
    /** Deletes the objects, every version of each (on a versioned bucket too); absent keys are no error. */
    readonly remove: (objectKeys: readonly string[]) => Effect.Effect<void>;
    readonly exists: (objectKey: string) => Effect.Effect<boolean>;
  }
>()("dongne/MediaStore") {}

/** What the service's own media route answers. */
export interface EndpointReply {
  readonly status: number;
  readonly body?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The store's signed URLs served by the service itself (the local stores: filesystem and memory). A store
 * the client reaches directly (S3) answers 404 here.
 */
export class MediaEndpoint extends Context.Service<
  MediaEndpoint,
  {
    readonly upload: (
      objectKey: string,
      params: URLSearchParams,
      request: { readonly contentType: string | undefined; readonly contentLength: number | undefined; readonly now: Date },
      body: AsyncIterable<Uint8Array>,
    ) => Effect.Effect<EndpointReply>;
    readonly download: (objectKey: string, params: URLSearchParams, now: Date) => Effect.Effect<EndpointReply>;
  }
>()("dongne/MediaEndpoint") {}
