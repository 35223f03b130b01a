import { useEffect, useRef, useState } from "preact/hooks";
import { IMAGE_TYPES } from "../../../domain/media/media.js";
import { MAX_IMAGES } from "../../../domain/question/question.js";
import { api, type Failure, failureOf } from "./api.js";
import { useT } from "./i18n.js";

export interface ImageUrl {
  readonly key: string;
  readonly url: string;
  readonly thumbnailUrl: string;
}

/**
 * A post's photos as thumbnails (lazy, sized so the page does not jump), each opening its display
 * version. Keys stored before keys were checked have no URL and are not shown.
 */
export const QuestionImages = ({ imageUrls, label }: { imageUrls: readonly ImageUrl[] | undefined; label: string }) => {
  const t = useT();
  if (!imageUrls?.length) return null;
  return (
    <ul class="photos" aria-label={t("photos")}>
      {imageUrls.map((img, i) => (
        <li key={img.key}>
          <a href={img.url} target="_blank" rel="noopener" aria-label={t("openPhoto", { n: i + 1, total: imageUrls.length })}>
            <img
              src={img.thumbnailUrl}
              alt={t("photoAlt", { n: i + 1, total: imageUrls.length, label })}
              loading="lazy"
              decoding="async"
              width={160}
              height={160}
            />
          </a>
        </li>
      ))}
    </ul>
  );
};

/** Headers a page may not set itself: the browser sends Content-Length from the body, which is the signed size. */
const FORBIDDEN = new Set(["content-length", "host"]);

/** PUTs the bytes to the presigned URL with its headers; XHR rather than fetch for upload progress. */
const put = (upload: { url: string; headers: Record<string, string> }, file: File, onProgress: (p: number) => void) =>
  new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", upload.url);
    for (const [name, value] of Object.entries(upload.headers)) if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`upload ${xhr.status}`)));
    xhr.onerror = () => reject(new Error("upload failed"));
    xhr.send(file);
  });

interface Picked {
  readonly id: number;
  readonly name: string;
  readonly preview: string;
  readonly progress: number;
  readonly key?: string;
  readonly error?: Failure | string;
}

/**
 * The photo picker of the ask and answer forms: at most five, each uploaded at once (createUpload, PUT
 * straight to the store, confirm) with its progress, the service's Korean error beside the photo it
 * concerns, and a remove button. `onChange` gets the confirmed keys and whether uploads are still running.
 */
export const PhotoPicker = ({ id, onChange }: { id: string; onChange: (keys: string[], uploading: boolean) => void }) => {
  const t = useT();
  const [items, setItems] = useState<Picked[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const next = useRef(0);
  const latest = useRef(items);
  latest.current = items;
  useEffect(() => {
    onChange(
      items.flatMap((i) => (i.key ? [i.key] : [])),
      items.some((i) => !i.key && !i.error),
    );
  }, [items]);
  useEffect(
    () => () => {
      for (const i of latest.current) URL.revokeObjectURL(i.preview);
    },
    [],
  );
  const update = (pid: number, change: Partial<Picked>) => setItems((all) => all.map((i) => (i.id === pid ? { ...i, ...change } : i)));
  const upload = async (pid: number, file: File) => {
    try {
      const created = await api.media.createUpload.mutate({ contentType: file.type || "application/octet-stream", size: file.size });
      await put(created.upload, file, (progress) => update(pid, { progress }));
      const confirmed = await api.media.confirm.mutate({ key: created.key });
      update(pid, { progress: 1, key: confirmed.key });
    } catch (e) {
      update(pid, { error: e instanceof Error && e.message.startsWith("upload") ? t("uploadFailed") : failureOf(e) });
    }
  };
  const pick = (files: FileList | null) => {
    setNote(null);
    const chosen = [...(files ?? [])];
    const room = MAX_IMAGES - latest.current.length;
    if (chosen.length > room) setNote(t("tooManyPhotos", { max: MAX_IMAGES }));
    const added = chosen
      .slice(0, Math.max(0, room))
      .map((file) => ({ file, item: { id: next.current++, name: file.name, preview: URL.createObjectURL(file), progress: 0 } }));
    setItems((all) => [...all, ...added.map((a) => a.item)]);
    for (const a of added) void upload(a.item.id, a.file);
  };
  const remove = (item: Picked) => {
    URL.revokeObjectURL(item.preview);
    setItems((all) => all.filter((i) => i.id !== item.id));
  };
  const full = items.length >= MAX_IMAGES;
  return (
    <div class="field">
      <label for={id}>{t("photos")}</label>
      <input
        id={id}
        type="file"
        accept={IMAGE_TYPES.join(",")}
        multiple
        disabled={full}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          pick(input.files);
          input.value = "";
        }}
      />
      <p id={`${id}-hint`} class="hint">
        <span>{t("photosHint")}</span>
        <span class="counter">
          {items.length}/{MAX_IMAGES}
        </span>
      </p>
      {note && <p class="field-error">{note}</p>}
      <ul class="picked-photos" aria-live="polite">
        {items.map((item) => (
          <li key={item.id} class={item.error ? "failed" : item.key ? "done" : "uploading"}>
            <img src={item.preview} alt={item.name} width={80} height={80} />
            {item.error ? (
              <p class="field-error">{typeof item.error === "string" ? item.error : item.error.message}</p>
            ) : item.key ? (
              <span class="sr-only">{t("photoReady", { name: item.name })}</span>
            ) : (
              <progress max={1} value={item.progress} aria-label={t("photoUploading", { name: item.name })} />
            )}
            <button type="button" class="chip" aria-label={t("removePhoto", { name: item.name })} onClick={() => remove(item)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
};
