/**
 * The relevance evaluation set, written for this project: 45 keyword queries and 48 natural
 * questions (what, where, how, recommend — typed as people ask, with particles and endings) a Jeju
 * visitor or resident would type, each graded by intent — which topic (by index in ./topics.ts) answers
 * it and how well (3 perfect, 2 good, 1 related), optionally for which area (only where the corpus
 * has such questions in that area). Grades come from the
 * intent, never from the text, so the set does not reward a matcher for matching itself.
 */
export type QueryKind =
  | "plain"
  | "spacing"
  | "particle"
  | "synonym"
  | "choseong"
  | "english-mode"
  | "typo"
  | "what"
  | "where"
  | "how"
  | "recommend";

/** The kinds of natural questions (the rest are keyword queries). */
export const NATURAL_KINDS: readonly QueryKind[] = ["what", "where", "how", "recommend"];

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
// 25 행사·축제, 26 오일장, 27 혼자 여행, 28 한라산 예약, 29 감기 내과.
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
  // The README's English-mode typo: gkssktks is 한나산, one letter from 한라산.
  { text: "gkssktks", kind: "typo", topics: { 28: 3, 14: 1 } },
  // Natural questions, written for this project (not taken from the demo data or the corpus's titles).
  { text: "오일장은 언제 열리나요?", kind: "what", topics: { 26: 3, 25: 1 } },
  { text: "한라산 등반 예약이 필요한가요", kind: "what", topics: { 28: 3, 14: 1 } },
  { text: "렌터카 반납할 때 세차해야 돼요?", kind: "what", topics: { 12: 3 } },
  { text: "태풍 오면 배 안 뜨나요", kind: "what", topics: { 18: 3, 17: 1 } },
  { text: "요즘 제주 날씨에 뭐 입어야 해요", kind: "what", topics: { 19: 3, 17: 1 } },
  { text: "쓰레기 버리는 법 알려주세요", kind: "what", topics: { 21: 3 } },
  { text: "분리수거 요일이 어떻게 되나요", kind: "what", topics: { 21: 3 } },
  { text: "택배 보낼 때 추가 요금 있나요", kind: "what", topics: { 22: 3 } },
  { text: "오늘 바람 많이 불어요?", kind: "what", topics: { 17: 3, 19: 1 } },
  { text: "일출은 몇 시에 봐야 예뻐요", kind: "what", topics: { 13: 3 } },
  { text: "중문 입장료 얼마예요", kind: "what", topics: { 15: 3 } },
  { text: "렌트카 반납 시간 알려주세요", kind: "what", topics: { 12: 3 } },
  { text: "공항 근처 흑돼지 어디서 먹어요?", kind: "where", topics: { 0: 3, 2: 1, 3: 1 } },
  { text: "애월에 바다 보이는 카페 어디 있어요", kind: "where", topics: { 4: 3, 6: 1, 5: 1 } },
  { text: "밤에 문 여는 약국 어디 있나요", kind: "where", topics: { 24: 3, 23: 1 } },
  { text: "아이가 열나는데 병원 어디로 가야 하나요", kind: "where", topics: { 23: 3, 29: 2, 24: 1 } },
  { text: "주말에 진료하는 병원 있어요?", kind: "where", topics: { 23: 3, 29: 1 } },
  { text: "서귀포 근처 장 볼 수 있는 마트 어디예요", kind: "where", topics: { 20: 3 } },
  { text: "성산 근처 일출 보기 좋은 곳", kind: "where", topics: { 13: 3 } },
  { text: "애월 쪽 조용한 숙소 어디가 좋을까요", kind: "where", topics: { 7: 3, 8: 1 }, area: "애월" },
  { text: "택배는 어디서 보내요", kind: "where", topics: { 22: 3 } },
  { text: "주차하기 편한 카페 어디 있어요", kind: "where", topics: { 5: 3, 4: 1 } },
  { text: "감기 걸렸는데 진료 받을 수 있는 곳", kind: "where", topics: { 29: 3, 23: 1 } },
  { text: "아이 열날 때 갈 병원", kind: "where", topics: { 23: 3, 29: 1 } },
  { text: "공항에서 택시 타면 얼마 나와요", kind: "how", topics: { 10: 3, 9: 1 } },
  { text: "버스로 성산일출봉 가는 방법", kind: "how", topics: { 9: 3, 13: 1 } },
  { text: "한달살기 집은 어떻게 구하나요", kind: "how", topics: { 8: 3, 7: 1 } },
  { text: "해파리에 쏘이면 어떻게 해요", kind: "how", topics: { 24: 3 } },
  { text: "주말 오전에 주차 자리 있을까요", kind: "how", topics: { 11: 3, 5: 1 } },
  { text: "올레길 걸으려면 몇 시간 걸려요", kind: "how", topics: { 16: 3 } },
  { text: "아이랑 오름 올라가려면 얼마나 걸려요", kind: "how", topics: { 14: 3 } },
  { text: "밤늦게 도착하면 공항에서 어떻게 가요", kind: "how", topics: { 10: 3, 9: 2 } },
  { text: "제주 감귤 택배로 보내는 방법", kind: "how", topics: { 22: 3 } },
  { text: "한라산 가려면 몇 시에 출발해야 돼요", kind: "how", topics: { 28: 3 } },
  { text: "애월 갈만한 곳 추천해주세요", kind: "recommend", topics: { 14: 3, 16: 3, 13: 2, 15: 2, 4: 1 }, area: "애월" },
  { text: "비 오는 날 갈만한 곳 있나요", kind: "recommend", topics: { 6: 3, 15: 1 } },
  { text: "아이랑 가기 좋은 곳 추천", kind: "recommend", topics: { 14: 3, 6: 3 } },
  { text: "부모님 모시고 갈 맛집 추천해 주세요", kind: "recommend", topics: { 2: 3, 0: 2, 3: 1 } },
  { text: "현지인만 아는 고기국수집 알려주세요", kind: "recommend", topics: { 3: 3 } },
  { text: "제주 흑돼지 맛있는 집 추천 부탁해요", kind: "recommend", topics: { 0: 3 } },
  { text: "노트북 하기 좋은 카페 추천해주세요", kind: "recommend", topics: { 4: 3, 6: 1, 5: 1 } },
  { text: "혼자 여행하기 좋은 동네 추천", kind: "recommend", topics: { 27: 3 } },
  { text: "조용히 쉬기 좋은 펜션 추천해주세요", kind: "recommend", topics: { 7: 3 } },
  { text: "이번 주말에 가볼 만한 축제 있어요?", kind: "recommend", topics: { 25: 3, 26: 1 } },
  { text: "아침 일찍 해장국 먹을 수 있는 곳", kind: "recommend", topics: { 1: 3 } },
  { text: "갈치 요리 잘하는 식당 어디예요", kind: "recommend", topics: { 2: 3 } },
];
