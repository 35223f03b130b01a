import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { useT } from "../i18n.js";
import type { RegionMapData } from "../regionMapData.js";
import { navigate } from "../router.js";
import { regionMap, useLoad, useRegions } from "../state.js";
import { ErrorNote, PageMain, QuestionList, RegionMap, RegionOptions, regionHref, regionLabel, Spinner } from "../ui.js";

export const useMapData = () => {
  const [data, setData] = useState<RegionMapData | null>(null);
  useEffect(() => {
    regionMap().then(setData, () => {});
  }, []);
  return data;
};

/** Districts with questions are tinted on the map: the search's region facet counts them. */
const useRegionCounts = () => {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    api.search.questions.query({ size: 1 }).then(
      (r) => setCounts(new Map(r.facets.regions.map((f) => [f.key, f.count]))),
      () => {},
    );
  }, []);
  return counts;
};

const Browse = ({ selected }: { selected: string | null }) => {
  const t = useT();
  const data = useMapData();
  const regions = useRegions();
  const counts = useRegionCounts();
  return (
    <>
      {data ? <RegionMap data={data} selected={selected} counts={counts} onSelect={(code) => navigate(regionHref(code))} /> : <Spinner />}
      <div class="field">
        <label for="region-pick">{t("chooseRegion")}</label>
        <select
          id="region-pick"
          value={selected ?? ""}
          onChange={(e) => navigate(regionHref((e.currentTarget as HTMLSelectElement).value))}
        >
          <option value="" disabled>
            {t("chooseRegion")}
          </option>
          <RegionOptions regions={regions} />
        </select>
      </div>
    </>
  );
};

export const RegionsPage = () => {
  const t = useT();
  return (
    <PageMain title={t("regionsTitle")}>
      <h1>{t("regionsTitle")}</h1>
      <p class="muted">{t("regionsHelp")}</p>
      <Browse selected={null} />
    </PageMain>
  );
};

/** One region: its place on the map and its questions (a city's include its districts'). */
export const RegionPage = ({ code }: { code: string }) => {
  const t = useT();
  const regions = useRegions();
  const [sort, setSort] = useState<"newest" | "popular" | "urgent">("newest");
  const list = useLoad(() => api.question.list.query({ regionCode: code, sort, limit: 20 }), [code, sort]);
  const name = regionLabel(t.lang, regions.get(code), code);
  return (
    <PageMain title={name}>
      <h1>{name}</h1>
      <Browse selected={code} />
      <section aria-labelledby="rq-h">
        <div class="row">
          <h2 id="rq-h">{t("regionQuestions")}</h2>
          <label class="inline">
            <span class="sr-only">{t("sort")}</span>
            <select value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as typeof sort)}>
              <option value="newest">{t("sortNewest")}</option>
              <option value="popular">{t("sortPopular")}</option>
              <option value="urgent">{t("sortUrgent")}</option>
            </select>
          </label>
        </div>
        <ErrorNote error={list.error} retry={list.reload} />
        {!list.error && <QuestionList items={list.data?.items} />}
      </section>
    </PageMain>
  );
};
