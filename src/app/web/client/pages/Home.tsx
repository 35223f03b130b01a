import { useState } from "preact/hooks";
import { api } from "../api.js";
import { useT } from "../i18n.js";
import { chosenRegion, rememberRegion, useLoad, useRegions, useSession } from "../state.js";
import { ErrorNote, PageMain, QuestionList, RegionOptions, Spinner } from "../ui.js";

/** Home: recent and popular questions in my region (or all of Jeju), and the hashtags trending now. */
export const HomePage = () => {
  const t = useT();
  const { me } = useSession();
  const regions = useRegions();
  // undefined: not chosen on this page yet ("" is all of Jeju).
  const [region, setRegion] = useState<string | undefined>(undefined);
  const effective = region !== undefined ? region || null : chosenRegion(me);
  const filter = effective ? { regionCode: effective } : {};
  const recent = useLoad(() => api.question.list.query({ ...filter, sort: "newest", limit: 10 }), [effective]);
  const popular = useLoad(() => api.question.list.query({ ...filter, sort: "popular", limit: 5 }), [effective]);
  const trending = useLoad(() => api.search.trending.query({ range: "24h" }), []);
  const choose = (code: string) => {
    rememberRegion(code || null);
    setRegion(code);
  };
  return (
    <PageMain title={t("brand")}>
      <section class="hero">
        <h1>{t("brand")}</h1>
        <p>{t("tagline")}</p>
        <div class="field inline">
          <label for="home-region">{t("myRegion")}</label>
          <select id="home-region" value={effective ?? ""} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("allJeju")}</option>
            <RegionOptions regions={regions} />
          </select>
        </div>
        <a class="button primary" href="/ask">
          {t("navAsk")}
        </a>
      </section>
      <section aria-labelledby="trending-h">
        <h2 id="trending-h">{t("trending")}</h2>
        <ErrorNote error={trending.error} retry={trending.reload} />
        {trending.loading && <Spinner />}
        {trending.data &&
          (trending.data.keywords.some((k) => k.type === "hashtag") ? (
            <ul class="chips">
              {trending.data.keywords
                .filter((k) => k.type === "hashtag")
                .map((k) => (
                  <li key={k.keyword}>
                    <a class="chip" href={`/search?tag=${encodeURIComponent(k.keyword)}`}>
                      #{k.keyword} <small>{k.count}</small>
                    </a>
                  </li>
                ))}
            </ul>
          ) : (
            <p class="muted">{t("trendingEmpty")}</p>
          ))}
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t("recent")}</h2>
        <ErrorNote error={recent.error} retry={recent.reload} />
        {!recent.error && <QuestionList items={recent.data?.items} />}
      </section>
      <section aria-labelledby="popular-h">
        <h2 id="popular-h">{t("popular")}</h2>
        <ErrorNote error={popular.error} retry={popular.reload} />
        {!popular.error && <QuestionList items={popular.data?.items} />}
      </section>
    </PageMain>
  );
};
