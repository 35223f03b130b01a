import { useEffect, useState } from "preact/hooks";
import { MAX_HASHTAGS, normalizeHashtag } from "../../../../domain/hashtag/hashtag.js";
import { CATEGORIES, type Category, classifyCategory } from "../../../../domain/question/category.js";
import { CONTENT_LENGTH, TITLE_LENGTH, URGENCIES, type Urgency } from "../../../../domain/question/question.js";
import { api, type Failure, failureOf } from "../api.js";
import { useT } from "../i18n.js";
import { project, type RegionMapData, unproject } from "../regionMapData.js";
import { navigate } from "../router.js";
import { SimilarQuestions } from "../seams.js";
import { chosenRegion, useRegions, useSession } from "../state.js";
import { categoryLabel, ErrorNote, PageMain, RegionMap, RegionOptions, regionLabel, Spinner, TextField, urgencyKey } from "../ui.js";
import { useMapData } from "./Regions.js";

/** Hashtags as chips: Enter, comma or space adds one (normalised as the service does), at most five. */
const HashtagInput = ({ tags, onChange, errors }: { tags: string[]; onChange: (t: string[]) => void; errors?: readonly string[] }) => {
  const t = useT();
  const [draft, setDraft] = useState("");
  const add = () => {
    const tag = normalizeHashtag(draft);
    if (tag && !tags.includes(tag) && tags.length < MAX_HASHTAGS) onChange([...tags, tag]);
    setDraft("");
  };
  return (
    <div class="field">
      <label for="ask-tags">{t("hashtags")}</label>
      <ul class="chips" aria-live="polite">
        {tags.map((tag) => (
          <li key={tag}>
            <button
              type="button"
              class="chip"
              aria-label={t("removeTag", { tag: `#${tag}` })}
              onClick={() => onChange(tags.filter((x) => x !== tag))}
            >
              #{tag} ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id="ask-tags"
        value={draft}
        disabled={tags.length >= MAX_HASHTAGS}
        aria-describedby="ask-tags-hint"
        onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if ((e.key === "Enter" || e.key === "," || e.key === " ") && !e.isComposing) {
            e.preventDefault();
            add();
          }
        }}
        onBlur={add}
      />
      <p id="ask-tags-hint" class="hint">
        <span>{t("hashtagsHint")}</span>
        <span class="counter">
          {tags.length}/{MAX_HASHTAGS}
        </span>
      </p>
      {errors?.length ? <p class="field-error">{errors.join(" ")}</p> : null}
    </div>
  );
};

/** The ask form: counters, hashtags, a suggested category, urgency, and the place by list or by tapping the map. */
export const AskPage = () => {
  const t = useT();
  const { me } = useSession();
  const regions = useRegions();
  const data = useMapData();
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [category, setCategory] = useState<Category | "">("");
  const [urgency, setUrgency] = useState<Urgency>("normal");
  const [regionCode, setRegionCode] = useState("");
  const [mode, setMode] = useState<"list" | "map">("list");
  const [point, setPoint] = useState<{ lat: number; lng: number; x: number; y: number } | null>(null);
  const [place, setPlace] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!regionCode && me) setRegionCode(chosenRegion(me) ?? "");
  }, [me, regionCode]);
  if (me === undefined)
    return (
      <PageMain title={t("askTitle")}>
        <Spinner />
      </PageMain>
    );
  if (me === null)
    return (
      <PageMain title={t("askTitle")}>
        <h1>{t("askTitle")}</h1>
        <p>
          <a href="/login?next=%2Fask">{t("loginToAsk")}</a>
        </p>
      </PageMain>
    );
  const suggested = classifyCategory(title, content);
  const tapped = (map: RegionMapData, p: { x: number; y: number }, code: string) => {
    const { lat, lng } = unproject(map, p.x, p.y, code);
    setRegionCode(code);
    // The inset (추자면) is drawn away from its place: there the district alone is taken, not a point.
    setPoint(map.inset?.code === code ? null : { lat, lng, ...project(map, lat, lng) });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    api.question.ask
      .mutate({
        title,
        content,
        hashtags: tags,
        urgency,
        ...(regionCode ? { regionCode } : {}),
        ...(category ? { category } : {}),
        ...(point ? { location: { lat: point.lat, lng: point.lng, ...(place.trim() ? { description: place.trim() } : {}) } } : {}),
      })
      .then(
        (q) => navigate(`/q/${q.id}`),
        (err: unknown) => {
          setFailure(failureOf(err));
          setBusy(false);
        },
      );
  };
  const fe = failure?.fieldErrors ?? {};
  return (
    <PageMain title={t("askTitle")}>
      <h1>{t("askTitle")}</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          id="ask-title"
          label={t("title")}
          value={title}
          onInput={setTitle}
          min={TITLE_LENGTH.min}
          max={TITLE_LENGTH.max}
          hint={t("titleHint")}
          errors={fe.title}
          required
        />
        <SimilarQuestions title={title} />
        <TextField
          id="ask-content"
          label={t("content")}
          value={content}
          onInput={setContent}
          multiline
          min={CONTENT_LENGTH.min}
          max={CONTENT_LENGTH.max}
          hint={t("contentHint")}
          errors={fe.content}
          required
        />
        <HashtagInput tags={tags} onChange={setTags} errors={fe.hashtags} />
        <div class="field">
          <label for="ask-category">{t("category")}</label>
          <select
            id="ask-category"
            value={category}
            onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value as Category | "")}
            aria-describedby="ask-category-hint"
          >
            <option value="">
              {t("autoCategory")} ({categoryLabel(t.lang, suggested)})
            </option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(t.lang, c)}
              </option>
            ))}
          </select>
          <p id="ask-category-hint" class="hint" aria-live="polite">
            {t("suggestedCategory", { label: categoryLabel(t.lang, suggested) })}
          </p>
        </div>
        <fieldset class="field">
          <legend>{t("urgency")}</legend>
          <div class="segmented">
            {URGENCIES.map((u) => (
              <label key={u} class={urgency === u ? "on" : ""}>
                <input type="radio" name="urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} />
                {t(urgencyKey(u))}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t("region")}</legend>
          <div class="segmented">
            <label class={mode === "list" ? "on" : ""}>
              <input type="radio" name="region-mode" checked={mode === "list"} onChange={() => setMode("list")} />
              {t("regionByList")}
            </label>
            <label class={mode === "map" ? "on" : ""}>
              <input type="radio" name="region-mode" checked={mode === "map"} onChange={() => setMode("map")} />
              {t("regionByMap")}
            </label>
          </div>
          {mode === "list" ? (
            <>
              <label for="ask-region" class="sr-only">
                {t("region")}
              </label>
              <select
                id="ask-region"
                value={regionCode}
                aria-invalid={fe.regionCode ? true : undefined}
                onChange={(e) => {
                  setRegionCode((e.currentTarget as HTMLSelectElement).value);
                  setPoint(null);
                }}
              >
                <option value="">{t("chooseRegion")}</option>
                <RegionOptions regions={regions} />
              </select>
            </>
          ) : data ? (
            <>
              <p class="hint">{t("mapTapHelp")}</p>
              <RegionMap
                data={data}
                selected={regionCode || null}
                onSelect={(code) => {
                  setRegionCode(code);
                  setPoint(null);
                }}
                onPoint={(p, code) => tapped(data, p, code)}
                marker={point}
              />
            </>
          ) : (
            <Spinner />
          )}
          {regionCode && (
            <p class="picked" aria-live="polite">
              {t("pickedPoint", { name: regionLabel(t.lang, regions.get(regionCode), regionCode) })}
              {point && ` (${point.lat.toFixed(4)}, ${point.lng.toFixed(4)})`}
            </p>
          )}
          {(fe.regionCode || fe.location) && <p class="field-error">{[...(fe.regionCode ?? []), ...(fe.location ?? [])].join(" ")}</p>}
          {point && (
            <TextField
              id="ask-place"
              label={t("locationDescription")}
              value={place}
              onInput={setPlace}
              max={200}
              errors={fe["location.description"]}
            />
          )}
        </fieldset>
        <p class="muted">{t("imagesSoon")}</p>
        <ErrorNote error={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {t("submitQuestion")}
        </button>
      </form>
    </PageMain>
  );
};
