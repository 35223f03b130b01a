import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { CATEGORY_LABELS, isCategory } from "../../../domain/question/category.js";
import { questionPath, regionPath } from "../routes.js";
import type { Failure } from "./api.js";
import { errorText, type StringKey, useT } from "./i18n.js";
import type { MapRegion, RegionMapData } from "./regionMapData.js";
import { useRegions } from "./state.js";

export const Spinner = () => {
  const t = useT();
  return (
    <p class="muted" role="status">
      {t("loading")}
    </p>
  );
};

/** A failed call, in words, announced to screen readers; with a retry when one makes sense. */
export const ErrorNote = ({ error, retry }: { error: Failure | null; retry?: () => void }) => {
  const t = useT();
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p>{errorText(t.lang, error.code, error.message)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t("retry")}
        </button>
      )}
    </div>
  );
};

export const LocalMark = () => {
  const t = useT();
  return (
    <span class="local" title={t("localTitle")}>
      {t("local")}
    </span>
  );
};

export const categoryLabel = (lang: "ko" | "en", category: string) => (isCategory(category) ? CATEGORY_LABELS[category][lang] : category);

export const regionLabel = (lang: "ko" | "en", region: MapRegion | undefined, code: string) =>
  region ? (lang === "en" ? region.nameEn : region.name) : code;

const STATUS: Record<string, StringKey> = {
  open: "statusOpen",
  answered: "statusAnswered",
  closed: "statusClosed",
  hidden: "statusHidden",
};
const URGENCY: Record<string, StringKey> = { normal: "urgencyNormal", urgent: "urgencyUrgent", emergency: "urgencyEmergency" };
export const statusKey = (s: string): StringKey => STATUS[s] ?? "statusOpen";
export const urgencyKey = (u: string): StringKey => URGENCY[u] ?? "urgencyNormal";

/** Text with the search's <mark> highlights, rendered as nodes (never as HTML). */
export const Highlighted = ({ text }: { text: string }) => {
  const parts = text.split(/<mark>(.*?)<\/mark>/g);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p))}</>;
};

export interface CardQuestion {
  readonly id: string;
  readonly title: string;
  readonly content: string;
  readonly regionCode: string;
  readonly category: string;
  readonly urgency: string;
  readonly status: string;
  readonly hashtags: readonly string[];
  readonly answerCount: number;
  readonly likeCount: number;
  readonly viewCount: number;
  readonly createdAt: string | null;
  readonly distanceKm?: number | null;
  readonly highlight?: { readonly title?: string; readonly content?: readonly string[] } | null;
}

export const timeAgo = (lang: "ko" | "en", iso: string | null) => {
  if (!iso) return "";
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return lang === "en" ? "just now" : "방금";
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  if (minutes < 60) return rtf.format(-minutes, "minute");
  if (minutes < 60 * 24) return rtf.format(-Math.round(minutes / 60), "hour");
  return rtf.format(-Math.round(minutes / 1440), "day");
};

export const QuestionCard = ({ q }: { q: CardQuestion }) => {
  const t = useT();
  const regions = useRegions();
  const fragment = q.highlight?.content?.[0];
  return (
    <li class="card">
      <p class="meta">
        {q.urgency !== "normal" && <span class={`urgency ${q.urgency}`}>{t(urgencyKey(q.urgency))}</span>}
        <span>{categoryLabel(t.lang, q.category)}</span>
        <span>{regionLabel(t.lang, regions.get(q.regionCode), q.regionCode)}</span>
        <span class={`status ${q.status}`}>{t(statusKey(q.status))}</span>
        {q.distanceKm != null && <span>{t("km", { n: q.distanceKm.toFixed(1) })}</span>}
      </p>
      <h3>
        <a href={questionPath(q.id)}>{q.highlight?.title ? <Highlighted text={q.highlight.title} /> : q.title}</a>
      </h3>
      {fragment ? (
        <p class="excerpt">
          <Highlighted text={fragment} />
        </p>
      ) : (
        <p class="excerpt">{q.content.length > 90 ? `${q.content.slice(0, 90)}…` : q.content}</p>
      )}
      <p class="stats">
        <span>
          {t("answers")} {q.answerCount}
        </span>
        <span>
          {t("likes")} {q.likeCount}
        </span>
        <span>
          {t("views")} {q.viewCount}
        </span>
        <span>{timeAgo(t.lang, q.createdAt)}</span>
      </p>
    </li>
  );
};

export const QuestionList = ({ items, empty }: { items: readonly CardQuestion[] | undefined; empty?: ComponentChildren }) => {
  const t = useT();
  if (!items) return <Spinner />;
  if (items.length === 0) return <p class="muted">{empty ?? t("empty")}</p>;
  return (
    <ul class="cards">
      {items.map((q) => (
        <QuestionCard key={q.id} q={q} />
      ))}
    </ul>
  );
};

/** A labelled text field with its length counter (in characters as people count them) and its errors. */
export const TextField = (props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  min?: number;
  max?: number;
  multiline?: boolean;
  type?: "text" | "email" | "password";
  hint?: string;
  errors?: readonly string[] | undefined;
  placeholder?: string;
  autoComplete?: string;
  required?: boolean;
}) => {
  const length = [...props.value.trim()].length;
  const tooShort = props.min !== undefined && length > 0 && length < props.min;
  const tooLong = props.max !== undefined && length > props.max;
  const describedBy = [props.hint || props.max ? `${props.id}-hint` : "", props.errors?.length ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    placeholder: props.placeholder,
    required: props.required,
    "aria-invalid": props.errors?.length || tooLong ? true : undefined,
    "aria-describedby": describedBy || undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={6} />
      ) : (
        <input {...common} type={(props.type ?? "text") as "text"} autoComplete={props.autoComplete} />
      )}
      {(props.hint || props.max) && (
        <p id={`${props.id}-hint`} class="hint">
          <span>{props.hint}</span>
          {props.max !== undefined && (
            <span class={`counter${tooShort || tooLong ? " bad" : ""}`} aria-live="polite">
              {length}/{props.max}
            </span>
          )}
        </p>
      )}
      {props.errors?.length ? (
        <p id={`${props.id}-error`} class="field-error">
          {props.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
};

/** Regions grouped by city, for a <select>. */
export const RegionOptions = ({ regions }: { regions: ReadonlyMap<string, MapRegion> }) => {
  const t = useT();
  const all = [...regions.values()];
  return (
    <>
      {all
        .filter((r) => r.type === "city")
        .map((city) => (
          <optgroup key={city.code} label={regionLabel(t.lang, city, city.code)}>
            <option value={city.code}>{regionLabel(t.lang, city, city.code)}</option>
            {all
              .filter((r) => r.parentCode === city.code)
              .sort((a, b) => (t.lang === "en" ? a.nameEn.localeCompare(b.nameEn) : a.name.localeCompare(b.name, "ko")))
              .map((r) => (
                <option key={r.code} value={r.code}>
                  {regionLabel(t.lang, r, r.code)}
                </option>
              ))}
          </optgroup>
        ))}
    </>
  );
};

/**
 * Jeju's districts as SVG, from the boundaries the build drew (no tiles). Each district is a link-like
 * button (keyboard: Tab and Enter); `onPoint` also gets the tapped place in longitude and latitude.
 */
export const RegionMap = (props: {
  data: RegionMapData;
  selected?: string | null;
  onSelect: (code: string) => void;
  onPoint?: (point: { x: number; y: number }, code: string) => void;
  marker?: { x: number; y: number } | null;
  counts?: ReadonlyMap<string, number>;
}) => {
  const t = useT();
  const [hover, setHover] = useState<string | null>(null);
  const districts = props.data.regions.filter((r) => r.type === "district" && r.path);
  const cities = props.data.regions.filter((r) => r.type === "city" && r.path);
  const click = (e: MouseEvent, code: string) => {
    props.onSelect(code);
    if (!props.onPoint) return;
    const svg = (e.target as SVGGraphicsElement | null)?.ownerSVGElement;
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    props.onPoint({ x: p.x, y: p.y }, code);
  };
  const name = (r: MapRegion) => regionLabel(t.lang, r, r.code);
  const shown = hover ?? props.selected ?? null;
  const label = shown ? props.data.regions.find((r) => r.code === shown) : undefined;
  return (
    <figure class="map">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG groups its shapes itself; the role names the group for screen readers */}
      <svg viewBox={`0 0 ${props.data.width} ${props.data.height}`} role="group" aria-label={t("mapLabel")}>
        <title>{t("mapLabel")}</title>
        {props.data.inset && <rect class="inset" x="4" y="4" width="150" height="120" rx="6" />}
        {districts.map((r) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it takes the role instead
          <path
            key={r.code}
            d={r.path ?? ""}
            class={`district${props.selected === r.code ? " selected" : ""}${props.counts?.get(r.code) ? " has" : ""}`}
            role="button"
            tabIndex={0}
            aria-label={name(r)}
            aria-pressed={props.selected === r.code}
            data-code={r.code}
            onClick={(e) => click(e as unknown as MouseEvent, r.code)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                props.onSelect(r.code);
              }
            }}
            onMouseEnter={() => setHover(r.code)}
            onMouseLeave={() => setHover(null)}
            onFocus={() => setHover(r.code)}
            onBlur={() => setHover(null)}
          />
        ))}
        {cities.map((r) => (
          <path key={r.code} d={r.path ?? ""} class="city" />
        ))}
        {props.marker && <circle class="marker" cx={props.marker.x} cy={props.marker.y} r="9" />}
      </svg>
      <figcaption>
        <span aria-live="polite">{label ? name(label) : " "}</span>
        <small>{t("attribution")}: 통계청 SGIS(2018), 공공누리 제1유형</small>
      </figcaption>
    </figure>
  );
};

export const Link = ({ href, children, class: cls }: { href: string; children: ComponentChildren; class?: string }) => (
  <a href={href} class={cls}>
    {children}
  </a>
);

export const regionHref = regionPath;

/** Every page's landmark: the skip link's target, focused on navigation so screen readers start here. */
export const PageMain = ({ title, children, class: cls }: { title: string; children: ComponentChildren; class?: string }) => {
  const t = useT();
  if (typeof document !== "undefined") document.title = title === t("brand") ? title : `${title} · ${t("brand")}`;
  return (
    <main id="main" class={`page${cls ? ` ${cls}` : ""}`} tabIndex={-1}>
      {children}
    </main>
  );
};
