/** One object of the media store as a backup sees it: `version` changes whenever its bytes do (mtime, or the ETag). */
export interface ObjectEntry {
  readonly key: string;
  readonly size: number;
  readonly version: string;
}

export interface ObjectBody {
  readonly bytes: Uint8Array;
  readonly contentType?: string | undefined;
}

/** The media store, read (and, for a restore, written) object by object. */
export interface ObjectSource {
  /** What it is, for reports ("filesystem /srv/data/media", "s3 dongne-media"). */
  readonly describe: string;
  readonly list: () => Promise<ObjectEntry[]>;
  /** The object's bytes (and content type, where the store keeps one), or null when it disappeared since the listing. */
  readonly read: (key: string) => Promise<ObjectBody | null>;
  readonly write: (key: string, body: ObjectBody) => Promise<void>;
}

/** Keys as the media store makes them (`images/…`): relative, no `..`, no empty segment — safe as paths below a folder. */
export const isSafeKey = (key: string) =>
  key.length > 0 &&
  key.length <= 1024 &&
  !key.startsWith("/") &&
  key.split("/").every((part) => part !== "" && part !== "." && part !== "..") &&
  !key.includes("\\") &&
  !key.includes("\0");
