import { Context, type Effect } from "effect";
import type { MediaUpload, PostRef } from "../../domain/media/media.js";
import type { UserId } from "../../domain/shared/ids.js";

/** The records of uploads: who uploaded what, whether it was checked, and which post it belongs to. */
export class MediaRepository extends Context.Service<
  MediaRepository,
  {
    readonly insert: (upload: MediaUpload) => Effect.Effect<void>;
    readonly find: (key: string) => Effect.Effect<MediaUpload | undefined>;
    readonly findMany: (keys: readonly string[]) => Effect.Effect<readonly MediaUpload[]>;
    /** Uploads the owner started at or after `since`. */
    readonly countSince: (ownerId: UserId, since: Date) => Effect.Effect<number>;
    /** Marks a pending upload confirmed; the record as it is now (confirmed already: unchanged). */
    readonly confirm: (
      key: string,
      dims: { readonly width: number; readonly height: number },
      at: Date,
    ) => Effect.Effect<MediaUpload | undefined>;
    /**
     * Attaches the owner's confirmed uploads that are attached nowhere else (or to `to` already); the keys
     * it attached. Inside a unit of work, so a post that fails leaves its images free.
     */
    readonly attach: (keys: readonly string[], ownerId: UserId, to: PostRef) => Effect.Effect<readonly string[]>;
    /** Uploads attached to no post, started before `before`, oldest first. */
    readonly unattachedBefore: (before: Date, limit: number) => Effect.Effect<readonly MediaUpload[]>;
    readonly ofPost: (post: PostRef) => Effect.Effect<readonly MediaUpload[]>;
    readonly ofOwner: (ownerId: UserId) => Effect.Effect<readonly MediaUpload[]>;
    readonly remove: (keys: readonly string[]) => Effect.Effect<void>;
  }
>()("dongne/MediaRepository") {}
