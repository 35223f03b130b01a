import { useEffect, useRef, useState } from "preact/hooks";
import { CATEGORIES, type Category } from "../../../../domain/question/category.js";
import { api, type Inputs } from "../api.js";
import { useT } from "../i18n.js";
import { navigate } from "../router.js";
import { useLoad, useRegions } from "../state.js";
import { categoryLabel, ErrorNote, PageMain, QuestionList, regionLabel, Spinner } from "../ui.js";

// biome-ignore lint/suspicious/noConfusingVoidType: tRPC types an optional input as `void | T`
type SearchInput = Exclude<Inputs["search"]["questions"], void | undefined>;
const SORTS = ["relevance", "newest", "popular", "most_answers", "urgent"] as const;
type Sort = (typeof SORTS)[number];

/** The search's state lives in the URL, so results can be shared, bookmarked and reached with Back. */
const inputOf = (q: URLSearchParams): SearchInput => {
  const category = q.get("category");
  const sort = q.get("sort");
  const filters: NonNullable<SearchInput["filters"]> = {
    ...(q.get("region") ? { regionCode: q.get("region") as string } : {}),
    ...(category && (CATEGORIES as readonly string[]).includes(category) ? { category: category as Category } : {}),
    ...(q.getAll("tag").length ? { hashtags: q.getAll("tag").slice(0, 10) } : {}),
    ...(q.get("answered") === "1" ? { hasAnswers: true } : {}),
    ...(q.get("local") === "1" ? { localOnly: true } : {}),
  };
  return {
    ...(q.get("q") ? { query: (q.get("q") as string).slice(0, 200) } : {}),
    filters,
    sort: sort && (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : q.get("q") ? "relevance" : "newest",
    size: 20,
  };
};

const withParam = (q: URLSearchParams, key: string, value: string | null, multi = false) => {
  const next = new URLSearchParams(q);
  if (multi && value !== null) {
    const all = next.getAll(key);
    next.delete(key);
    for (const v of all.includes(value) ? all.filter((x) => x !== value) : [...all, value]) next.append(key, v);
  } else if (value === null || next.get(key) === value) next.delete(key);
  else next.set(key, value);
  return `/search?${next}`;
};

/** One facet: its values as links that add or remove the filter, each with its count. */
const Facet = (props: {
  legend: string;
  items: readonly { readonly key: string; readonly count: number }[];
  label: (key: string) => string;
  isOn: (key: string) => boolean;
  href: (key: string) => string;
}) =>
  props.items.length === 0 ? null : (
    <fieldset>
      <legend>{props.legend}</legend>
      <ul class="chips">
        {props.items.slice(0, 12).map((f) => (
          <li key={f.key}>
            <a class="chip" aria-current={props.isOn(f.key) ? "true" : undefined} href={props.href(f.key)}>
              {props.label(f.key)} <small>{f.count}</small>
            </a>
          </li>
        ))}
      </ul>
    </fieldset>
  );

const SORT_KEY = {
  relevance: "sortRelevance",
  newest: "sortNewest",
  popular: "sortPopular",
  most_answers: "sortAnswers",
  urgent: "sortUrgent",
} as const;

export const SearchPage = ({ query }: { query: URLSearchParams }) => {
  const t = useT();
  const regions = useRegions();
  const key = query.toString();
  const input = inputOf(query);
  const [draft, setDraft] = useState(query.get("q") ?? "");
  const [suggestions, setSuggestions] = useState<readonly string[]>([]);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setDraft(query.get("q") ?? ""), [key]);
  const result = useLoad(() => api.search.questions.query(input), [key]);
  // Suggestions as one types (titles, also by 초성), a moment after the last key.
  const onInput = (value: string) => {
    setDraft(value);
    setActive(-1);
    clearTimeout(timer.current);
    if (!value.trim()) return setSuggestions([]);
    timer.current = setTimeout(() => {
      api.search.suggest.query({ prefix: value.trim().slice(0, 50), size: 6 }).then(
        (r) => setSuggestions(r.suggestions),
        () => setSuggestions([]),
      );
    }, 200);
  };
  const go = (q: string) => {
    setSuggestions([]);
    const next = new URLSearchParams(query);
    if (q) next.set("q", q);
    else next.delete("q");
    next.delete("sort");
    navigate(`/search?${next}`);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const pick = active >= 0 ? suggestions[active] : undefined;
    go(pick ?? draft.trim());
  };
  const data = result.data;
  const filtered = ["region", "category", "tag", "answered", "local"].some((k) => query.has(k));
  return (
    <PageMain title={t("searchTitle")}>
      <h1>{t("searchTitle")}</h1>
      <form onSubmit={submit} class="search-form" aria-label={t("searchTitle")}>
        <label for="search-q">{t("searchLabel")}</label>
        <div class="combo">
          <input
            id="search-q"
            type="search"
            value={draft}
            placeholder={t("searchPlaceholder")}
            autoComplete="off"
            aria-controls="search-suggestions"
            aria-describedby="search-help"
            onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown" && suggestions.length) {
                e.preventDefault();
                setActive((a) => (a + 1) % suggestions.length);
              } else if (e.key === "ArrowUp" && suggestions.length) {
                e.preventDefault();
                setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
              } else if (e.key === "Escape") setSuggestions([]);
            }}
          />
          <button type="submit" class="primary">
            {t("searchButton")}
          </button>
          {suggestions.length > 0 && (
            <ul id="search-suggestions" aria-label={t("suggestions")} class="suggestions">
              {suggestions.map((s, i) => (
                <li key={s}>
                  <button
                    type="button"
                    id={`sugg-${i}`}
                    class={i === active ? "active" : ""}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => go(s)}
                  >
                    {s}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <p id="search-help" class="hint">
          {t("searchHelp")}
        </p>
      </form>
      <div class="search-layout">
        <aside aria-label={t("facets")} class="facets">
          <div class="field">
            <label for="search-sort">{t("sort")}</label>
            <select
              id="search-sort"
              value={input.sort}
              onChange={(e) => navigate(withParam(query, "sort", (e.currentTarget as HTMLSelectElement).value))}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(SORT_KEY[s])}
                </option>
              ))}
            </select>
          </div>
          <label class="check">
            <input type="checkbox" checked={query.get("answered") === "1"} onChange={() => navigate(withParam(query, "answered", "1"))} />
            {t("hasAnswers")}
          </label>
          <label class="check">
            <input type="checkbox" checked={query.get("local") === "1"} onChange={() => navigate(withParam(query, "local", "1"))} />
            {t("localOnly")}
          </label>
          {data && (
            <>
              <Facet
                legend={t("facetCategory")}
                items={data.facets.categories}
                label={(key) => categoryLabel(t.lang, key)}
                isOn={(key) => query.get("category") === key}
                href={(key) => withParam(query, "category", key)}
              />
              <Facet
                legend={t("facetRegion")}
                items={data.facets.regions}
                label={(key) => regionLabel(t.lang, regions.get(key), key)}
                isOn={(key) => query.get("region") === key}
                href={(key) => withParam(query, "region", key)}
              />
              <Facet
                legend={t("facetHashtag")}
                items={data.facets.hashtags}
                label={(key) => `#${key}`}
                isOn={(key) => query.getAll("tag").includes(key)}
                href={(key) => withParam(query, "tag", key, true)}
              />
            </>
          )}
          {filtered && (
            <a href={query.get("q") ? `/search?q=${encodeURIComponent(query.get("q") ?? "")}` : "/search"}>{t("clearFilters")}</a>
          )}
        </aside>
        <section aria-labelledby="results-h" class="results">
          <ErrorNote error={result.error} retry={result.reload} />
          {result.loading && !data && <Spinner />}
          {data && (
            <>
              <h2 id="results-h" aria-live="polite">
                {t("results", { n: data.total })}
              </h2>
              {data.typoTolerant && <p class="notice">{t("typoNote")}</p>}
              {data.degraded && <p class="muted">{t("degradedNote")}</p>}
              <QuestionList items={data.hits} />
            </>
          )}
        </section>
      </div>
    </PageMain>
  );
};
