import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { questionIndexBody } from "../../src/adapters/search-engine/questionIndex.js";
import { searchClient } from "../support/searchEngine.js";

const client = searchClient();
const index = `dongne-test-questions-${randomBytes(4).toString("hex")}`;
const airport = { lat: 33.5104, lon: 126.4914 };

const docs = [
  {
    id: "q1",
    title: "제주공항 근처 흑돼지맛집 추천해주세요",
    content: "공항에서 렌터카 받자마자 저녁 먹을 곳을 찾아요.",
    hashtags: ["흑돼지", "공항"],
    region_code: "KR-49-01-58",
    category: "food",
    location: { lat: 33.507, lon: 126.49 },
  },
  {
    id: "q2",
    title: "애월 바다 보이는 카페 어디가 좋아요?",
    content: "한담해변 근처 조용한 커피숍을 찾고 있어요.",
    hashtags: ["카페", "애월"],
    region_code: "KR-49-01-02",
    category: "cafe",
    location: { lat: 33.4627, lon: 126.3095 },
  },
  {
    id: "q3",
    title: "성산일출봉 일출 보려면 몇 시에 가야 하나요",
    content: "새벽에 출발하려고 하는데 주차가 걱정입니다.",
    hashtags: ["일출", "성산"],
    region_code: "KR-49-02-05",
    category: "sightseeing",
    location: { lat: 33.4581, lon: 126.9425 },
  },
  {
    id: "q4",
    title: "함덕 해수욕장 근처 펜션 추천 부탁드려요",
    content: "아이들과 머물 조용한 숙소가 필요해요.",
    hashtags: ["숙소", "함덕"],
    region_code: "KR-49-01-04",
    category: "stay",
    location: { lat: 33.543, lon: 126.669 },
  },
  {
    id: "q5",
    title: "용담동 고기국수 맛있는 식당 있나요",
    content: "공항 가기 전에 간단히 먹고 싶어요.",
    hashtags: ["고기국수"],
    region_code: "KR-49-01-57",
    category: "food",
    location: { lat: 33.512, lon: 126.512 },
  },
  {
    id: "q6",
    title: "새별오름 억새 언제가 제일 예뻐요?",
    content: "가을에 오름 산책을 하고 싶어요.",
    hashtags: ["오름", "억새"],
    region_code: "KR-49-01-02",
    category: "sightseeing",
  },
].map((d, i) => ({
  ...d,
  status: "open",
  urgency: "normal",
  region_path: ["KR", "KR-49", d.region_code.slice(0, 8), d.region_code],
  user: { id: `u${i}`, nickname: i % 2 ? "애월토박이" : "여행자", is_local_verified: i % 2 === 1, verification_level: i % 2 ? 2 : 0 },
  stats: { view_count: i * 10, like_count: i, answer_count: i % 3 },
  created_at: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
  popularity_score: i,
  suggest: { input: [d.title], contexts: { region: ["KR", "KR-49", d.region_code.slice(0, 8), d.region_code] } },
}));

/** The seed's multi_match: weighted fields, typo tolerance, every term required. */
const seedQuery = (query: string) => ({
  multi_match: {
    query,
    fields: ["title^3", "title.ngram^2", "content^1", "hashtags^2", "user.nickname^1"],
    type: "best_fields" as const,
    fuzziness: "AUTO",
    operator: "and" as const,
  },
});

const ids = (res: { body: { hits: { hits: readonly { _id?: string | null }[] } } }) => res.body.hits.hits.map((h) => h._id);

beforeAll(async () => {
  await client.indices.create({ index, body: questionIndexBody(loadJejuRegions(), { shards: 1, replicas: 0 }) as never });
  await client.bulk({ refresh: true, body: docs.flatMap((d) => [{ index: { _index: index, _id: d.id } }, d]) });
}, 60_000);
afterAll(async () => {
  await client.indices.delete({ index }).catch(() => {});
});

describe("the real search engine (OpenSearch with nori)", () => {
  it("is OpenSearch with the analysis-nori plugin loaded", async () => {
    const info = await client.info();
    expect(info.body.version.distribution).toBe("opensearch");
    const plugins = await client.cat.plugins({ format: "json" });
    expect(JSON.stringify(plugins.body)).toContain("AnalysisNoriPlugin");
  });

  it("_analyze with nori_tokenizer splits '제주공항에서 흑돼지맛집' into morphemes", async () => {
    const plain = await client.indices.analyze({ body: { tokenizer: "nori_tokenizer", text: "제주공항에서 흑돼지맛집" } });
    const tokens = plain.body.tokens?.map((t) => t.token) ?? [];
    expect(tokens).toEqual(expect.arrayContaining(["제주", "공항", "에서", "돼지"]));
    // With the index's analyzer (user dictionary, our stop tags) the words a user types survive whole.
    const ours = await client.indices.analyze({ index, body: { analyzer: "korean_index", text: "제주공항에서 흑돼지맛집" } });
    expect(ours.body.tokens?.map((t) => t.token)).toEqual(expect.arrayContaining(["제주", "공항", "흑돼지", "맛집"]));
    expect(ours.body.tokens?.map((t) => t.token)).not.toContain("에서");
  });

  it("finds compounds, spacing variants and synonyms with the seed's multi_match", async () => {
    const search = async (q: string) => ids(await client.search({ index, body: { query: seedQuery(q) } }));
    expect(await search("흑돼지 맛집")).toEqual(["q1"]);
    expect(await search("성산 일출봉")).toEqual(["q3"]);
    expect(await search("함덕해수욕장")).toEqual(["q4"]);
    // synonyms at search time: 커피숍 ~ 카페, 식당 ~ 맛집, 오름 ~ 산
    expect(await search("애월 커피숍")).toEqual(["q2"]);
    expect(await search("고기국수 맛집")).toEqual(["q5"]);
  });

  it("measured limit: fuzziness forgives a mistyped syllable only where a field holds the whole word (jamo fields are the remedy)", async () => {
    const search = async (q: string) => ids(await client.search({ index, body: { query: seedQuery(q) } }));
    // nori splits the unknown 성산일춡봉 into pieces, and every piece must match: nothing is found
    expect(await search("성산일춡봉")).toEqual([]);
    // 고기국슈 is one edit from the whole hashtag 고기국수, which the keyword-analysed field can forgive
    expect(await search("고기국슈")).toEqual(["q5"]);
  });

  it("filters by distance (geo_distance), aggregates facets and highlights", async () => {
    // The seed's filters and aggregations, sent as raw DSL (the client's request types lag the DSL for geo sorts).
    const res = (await client.transport.request({
      method: "POST",
      path: `/${index}/_search`,
      body: {
        query: {
          bool: {
            must: [{ match_all: {} }],
            filter: [{ term: { status: "open" } }, { geo_distance: { distance: "5km", location: airport } }],
          },
        },
        sort: [{ _geo_distance: { location: airport, order: "asc", unit: "km" } }],
        aggs: {
          categories: { terms: { field: "category", size: 10 } },
          regions: { terms: { field: "region_code", size: 20 } },
          hashtags: { terms: { field: "hashtags.keyword", size: 30 } },
        },
      },
    })) as { body: { hits: { hits: { _id: string }[] }; aggregations: unknown } };
    expect(ids(res)).toEqual(["q1", "q5"]);
    const aggs = res.body.aggregations as Record<string, { buckets: { key: string; doc_count: number }[] }>;
    expect(aggs.categories?.buckets).toEqual([{ key: "food", doc_count: 2 }]);
    expect(aggs.hashtags?.buckets.map((b) => b.key).sort()).toEqual(["고기국수", "공항", "흑돼지"]);

    const highlighted = await client.search({
      index,
      body: {
        query: seedQuery("흑돼지"),
        highlight: { fields: { title: { number_of_fragments: 0 } }, pre_tags: ["<mark>"], post_tags: ["</mark>"] },
      },
    });
    expect(JSON.stringify(highlighted.body.hits.hits[0]?.highlight)).toContain("<mark>흑돼지</mark>");
  });

  it("suggests titles by prefix within a region (completion with region context)", async () => {
    const res = await client.search({
      index,
      body: { suggest: { titles: { prefix: "애월", completion: { field: "suggest", size: 5, contexts: { region: ["KR-49-01"] } } } } },
    });
    const options = (res.body.suggest as Record<string, { options: { _id: string }[] }[]>).titles?.[0]?.options ?? [];
    expect(options.map((o) => o._id)).toEqual(["q2"]);
  });
});
