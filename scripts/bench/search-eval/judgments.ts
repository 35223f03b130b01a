/**
 * The relevance evaluation set, written for this project: 45 queries a Jeju visitor or resident
 * would type, each graded by intent — which topic (by index in ./topics.ts) answers
 * it and how well (3 perfect, 2 good, 1 related), optionally for which area. Grades come from the
 * intent, never from the text, so the set does not reward a matcher for matching itself.
 */
export type QueryKind = "plain" | "spacing" | "particle" | "synonym" | "choseong" | "english-mode" | "typo";

export interface GradedQuery {
  readonly text: string;
  readonly kind: QueryKind;
  /** topic index → grade */
  readonly topics: Readonly<Record<number, number>>;
  /** When set, only documents in this area keep their full grade; elsewhere they lose 2. */
  readonly area?: string;
}

// Topic indices (./topics.ts): 0 흑돼지 맛집, 1 아침 식당, 2 갈치조림, 3 고기국수, 4 바다 카페, 5 주차 카페,
// 6 비 오는 날 카페, 7 조용한 숙소, 8 한달살기, 9 버스, 10 공항 택시비, 11 주말 주차, 12 렌터카 반납, 13 일출, 14 아이랑 오름,
// 15 입장료, 16 올레길, 17 바람, 18 태풍 배편, 19 옷차림, 20 마트, 21 분리수거, 22 택배, 23 소아과, 24 야간 약국,
// 25 행사·축제, 26 오일장, 27 혼자 여행.
export const GRADED_QUERIES: readonly GradedQuery[] = [
  { text: "흑돼지 맛집", kind: "plain", topics: { 0: 3, 3: 1, 2: 1 } },
  { text: "애월 흑돼지", kind: "plain", topics: { 0: 3 }, area: "애월" },
  { text: "갈치조림 추천", kind: "plain", topics: { 2: 3, 0: 1 } },
  { text: "고기국수", kind: "plain", topics: { 3: 3 } },
  { text: "아침 식사 일찍 여는 곳", kind: "plain", topics: { 1: 3 } },
  { text: "바다 보이는 카페", kind: "plain", topics: { 4: 3, 6: 1, 5: 1 } },
  { text: "주차 편한 카페", kind: "plain", topics: { 5: 3, 4: 1 } },
  { text: "비 오는 날 실내", kind: "plain", topics: { 6: 3 } },
  { text: "한달살기 집", kind: "plain", topics: { 8: 3, 7: 1 } },
  { text: "공항 택시비", kind: "plain", topics: { 10: 3, 9: 1 } },
  { text: "렌터카 반납", kind: "plain", topics: { 12: 3 } },
  { text: "일출 시간", kind: "plain", topics: { 13: 3 } },
  { text: "성산일출봉 일출", kind: "plain", topics: { 13: 3 }, area: "성산" },
  { text: "오름 아이랑", kind: "plain", topics: { 14: 3 } },
  { text: "올레길 구간", kind: "plain", topics: { 16: 3 } },
  { text: "태풍 배편 결항", kind: "plain", topics: { 18: 3, 17: 1 } },
  { text: "분리수거 요일", kind: "plain", topics: { 21: 3 } },
  { text: "주말 소아과", kind: "plain", topics: { 23: 3, 24: 1 } },
  { text: "해파리 약국", kind: "plain", topics: { 24: 3, 23: 1 } },
  { text: "오일장 날짜", kind: "plain", topics: { 26: 3, 25: 1 } },
  { text: "혼자 여행 혼밥", kind: "plain", topics: { 27: 3 } },
  { text: "애월카페", kind: "spacing", topics: { 4: 3, 5: 3, 6: 3 }, area: "애월" },
  { text: "흑돼지맛집", kind: "spacing", topics: { 0: 3 } },
  { text: "고기 국수", kind: "spacing", topics: { 3: 3 } },
  { text: "한달 살기", kind: "spacing", topics: { 8: 3 } },
  { text: "흑돼지를", kind: "particle", topics: { 0: 3 } },
  { text: "갈치조림을 잘하는", kind: "particle", topics: { 2: 3 } },
  { text: "택배를 보내려면", kind: "particle", topics: { 22: 3 } },
  { text: "오름에", kind: "particle", topics: { 14: 3 } },
  { text: "애월 커피숍", kind: "synonym", topics: { 4: 3, 5: 3, 6: 3 }, area: "애월" },
  { text: "렌트카 반납", kind: "synonym", topics: { 12: 3 } },
  { text: "조용한 펜션", kind: "synonym", topics: { 7: 3, 8: 1 } },
  { text: "현지인 식당", kind: "synonym", topics: { 0: 3, 3: 3, 2: 2 } },
  { text: "ㅎㄷㅈ", kind: "choseong", topics: { 0: 3 } },
  { text: "ㄱㅊㅈㄹ", kind: "choseong", topics: { 2: 3 } },
  { text: "ㅇㅊ", kind: "choseong", topics: { 13: 3 } },
  { text: "ㅂㄹㅅㄱ", kind: "choseong", topics: { 21: 3 } },
  { text: "gmrehowl", kind: "english-mode", topics: { 0: 3 } },
  { text: "dirrnr", kind: "english-mode", topics: { 24: 3 } },
  { text: "dhdlfwkd", kind: "english-mode", topics: { 26: 3 } },
  { text: "dhffprlf", kind: "english-mode", topics: { 16: 3 } },
  { text: "흑되지", kind: "typo", topics: { 0: 3 } },
  { text: "갈치조름", kind: "typo", topics: { 2: 3 } },
  { text: "분리수꺼", kind: "typo", topics: { 21: 3 } },
  { text: "올래길", kind: "typo", topics: { 16: 3 } },
];
