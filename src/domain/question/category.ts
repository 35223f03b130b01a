export const CATEGORIES = ["food", "cafe", "stay", "transport", "sightseeing", "weather", "daily", "medical", "events", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, { readonly ko: string; readonly en: string }> = {
  food: { ko: "맛집", en: "Food" },
  cafe: { ko: "카페", en: "Cafe" },
  stay: { ko: "숙소", en: "Stay" },
  transport: { ko: "교통", en: "Transport" },
  sightseeing: { ko: "관광", en: "Sightseeing" },
  weather: { ko: "날씨", en: "Weather" },
  daily: { ko: "생활", en: "Daily life" },
  medical: { ko: "의료", en: "Medical" },
  events: { ko: "행사", en: "Events" },
  other: { ko: "기타", en: "Other" },
};

export const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);

/** Substrings (Korean stems, common English words) that point to a category; order of the table breaks ties. */
const KEYWORDS: Record<Exclude<Category, "other">, readonly string[]> = {
  food: [
    "맛집",
    "식당",
    "음식",
    "밥",
    "흑돼지",
    "고기국수",
    "해산물",
    "갈치",
    "전복",
    "고등어",
    "횟집",
    "레스토랑",
    "메뉴",
    "먹",
    "점심",
    "저녁",
    "아침식사",
    "restaurant",
    "food",
  ],
  cafe: ["카페", "커피", "디저트", "베이커리", "빵집", "브런치", "라떼", "다방", "coffee", "cafe"],
  stay: ["숙소", "호텔", "펜션", "게스트하우스", "리조트", "민박", "에어비앤비", "캠핑", "체크인", "숙박", "hotel", "hostel"],
  transport: [
    "버스",
    "택시",
    "렌터카",
    "렌트카",
    "공항",
    "배편",
    "여객선",
    "주차",
    "운전",
    "교통",
    "정류장",
    "도로",
    "자전거",
    "bus",
    "taxi",
    "airport",
  ],
  sightseeing: [
    "관광",
    "여행",
    "오름",
    "올레",
    "해변",
    "해수욕장",
    "폭포",
    "바다",
    "등산",
    "한라산",
    "일출",
    "일몰",
    "명소",
    "산책",
    "사진",
    "beach",
    "hiking",
  ],
  weather: ["날씨", "비가", "비 와", "비와", "태풍", "바람", "눈이", "폭설", "기온", "우산", "장마", "미세먼지", "weather", "rain"],
  daily: [
    "마트",
    "편의점",
    "세탁",
    "쓰레기",
    "분리수거",
    "이사",
    "부동산",
    "학교",
    "은행",
    "우체국",
    "택배",
    "동사무소",
    "주민센터",
    "생활",
  ],
  medical: ["병원", "약국", "응급", "치과", "의원", "진료", "아파", "다쳤", "소아과", "한의원", "hospital", "pharmacy"],
  events: ["축제", "행사", "공연", "전시", "플리마켓", "마켓", "들불", "페스티벌", "콘서트", "festival"],
};

const ORDER = Object.keys(KEYWORDS) as Exclude<Category, "other">[];

const hits = (text: string, words: readonly string[]) => words.reduce((n, w) => n + (text.includes(w) ? 1 : 0), 0);

/** Deterministic keyword classifier: title hits count double; no hit at all gives "other". */
export const classifyCategory = (title: string, content: string): Category => {
  const t = title.toLowerCase();
  const c = content.toLowerCase();
  let best: Category = "other";
  let bestScore = 0;
  for (const category of ORDER) {
    const words = KEYWORDS[category];
    const score = 2 * hits(t, words) + hits(c, words);
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
};
