import type { PlaceKey } from "./places.js";
import { PLACES } from "./places.js";
import type { Thread } from "./thread.js";

/**
 * The questions every community hears again and again (where to eat 흑돼지, how to get there by bus,
 * is the wind bad today), each asked once about each place where it makes sense. `{place}` and
 * `{area}` are filled in; the phrasing rotates so that no two titles are the same.
 */
interface Recurring extends Omit<Thread, "place" | "title"> {
  readonly titles: readonly string[];
  readonly places: readonly PlaceKey[];
}

const RECURRING: readonly Recurring[] = [
  {
    places: ["aewolHandam", "hallim", "seongsan", "jungmun", "pyoseon", "hamdeok", "olleMarket"],
    asker: "visitor",
    category: "food",
    titles: [
      "{area} 근처 흑돼지 맛집 추천해주세요",
      "{area}에서 동네 분들이 가는 흑돼지집 있을까요?",
      "{area} 쪽 흑돼지 근고기 잘하는 곳 알려주세요",
    ],
    content:
      "가족 넷이서 {area} 쪽에 묵고 있어요. 관광객 줄 서는 곳 말고 동네 분들이 실제로 가는 흑돼지집이 궁금합니다. 아이들도 먹기 괜찮은 곳이면 좋겠어요.",
    hashtags: ["흑돼지", "맛집", "{area}"],
    answers: [
      ["near", "큰길 말고 한 블록 안쪽에 동네 사람들이 가는 고깃집이 두세 군데 있어요. 저녁 7시 전에 가면 거의 안 기다려요."],
      ["local", "근고기로 시키시고 멜젓에 찍어 드세요. 아이들은 목살 위주로 시키면 잘 먹어요."],
      ["visitor", "어제 {area}에서 먹었는데 관광지 바로 앞보다 조금 떨어진 곳이 값도 괜찮고 고기도 좋았어요."],
    ],
    accept: 0,
  },
  {
    places: ["jejuCityHall", "olleMarket", "pyoseon", "hallim", "sehwa", "jungmun"],
    asker: "visitor",
    category: "food",
    titles: ["{area}에 고기국수 현지인 단골집 있나요?", "{area} 근처 고기국수 맛있게 하는 곳 알려주세요"],
    content: "제주 오면 고기국수는 꼭 먹고 싶은데 블로그에 나온 곳은 너무 붐벼서요. {area} 근처에서 동네 분들이 가는 국숫집이 있을까요?",
    hashtags: ["고기국수", "현지인맛집"],
    answers: [
      ["near", "점심 12시 전에 가면 자리 있어요. 국물 진한 거 좋아하시면 고기국수, 가볍게 드시려면 멸치국수도 괜찮아요."],
      ["local", "돔베고기 작은 접시 하나 같이 시키면 딱 좋아요."],
    ],
    accept: 0,
  },
  {
    places: ["gwakji", "gimnyeong", "pyoseon", "sagye", "samyang", "iho"],
    asker: "visitor",
    category: "cafe",
    titles: ["{place} 근처 바다 보이는 조용한 카페 있나요?", "{area}에서 바다 보면서 오래 앉아 있을 카페 있을까요?"],
    content: "일정 없이 두세 시간 바다 보면서 쉬고 싶어요. 사람 너무 많지 않고 오래 앉아 있어도 눈치 안 보이는 카페가 있을까요?",
    hashtags: ["카페", "오션뷰", "{area}"],
    answers: [
      ["near", "해안도로에서 조금만 벗어나면 평일엔 한산한 카페가 많아요. 2층 창가 자리가 명당이에요."],
      ["local", "주말 오후는 어디든 붐벼요. 평일 오전 10시쯤 가시면 자리 잡기 쉬워요."],
    ],
    accept: 0,
  },
  {
    places: ["hyeopjae", "seongsan", "sanbangsan", "pyoseon", "bijarim", "hamdeok", "gimnyeong"],
    asker: "visitor",
    category: "transport",
    titles: ["제주시에서 {place}까지 버스로 어떻게 가요?", "공항에서 {place} 가는 버스 알려주세요"],
    content: "차 없이 여행 중이라 버스로만 다니고 있어요. {place}까지 몇 번 버스를 타야 하고 얼마나 걸리는지 궁금합니다.",
    hashtags: ["버스", "뚜벅이", "{area}"],
    answers: [
      ["local", "급행버스 타시면 훨씬 빨라요. 지도 앱에 나오는 버스 시간표가 꽤 정확해요."],
      ["near", "배차가 30분에서 한 시간이라 돌아오는 막차 시간부터 확인하세요."],
    ],
    accept: 1,
  },
  {
    places: ["hallim", "namwon", "jongdal", "sagye", "gwakji", "pyoseon"],
    asker: "visitor",
    category: "stay",
    titles: ["{area}에 조용히 쉴 수 있는 숙소 있을까요?", "{area} 쪽 파티 없는 조용한 숙소 추천해주세요"],
    content:
      "다음 주에 2박 정도 머물 예정이에요. 시끄러운 게스트하우스 말고 조용히 쉴 수 있는 숙소를 찾고 있어요. 1박 10만 원 안팎이면 좋겠어요.",
    hashtags: ["숙소", "조용한숙소", "{area}"],
    answers: [
      ["near", "바닷가 바로 앞보다 마을 안쪽 독채 민박이 조용하고 값도 괜찮아요."],
      ["local", "비수기 평일이면 펜션도 10만 원 안쪽으로 구할 수 있어요. 직접 전화하면 깎아 주는 곳도 있어요."],
    ],
    accept: 0,
  },
  {
    places: ["hallim", "seongsan", "jungmun", "pyoseon", "hamdeok", "sehwa", "moseulpo"],
    asker: "visitor",
    category: "daily",
    titles: ["{area} 근처 하나로마트 몇 시까지 해요?", "{area}에서 장 보기 좋은 마트 있나요?"],
    content: "숙소에서 밥을 해 먹으려고 해요. {area} 근처에 장 보기 좋은 마트가 있는지, 몇 시까지 하는지 알려주세요.",
    hashtags: ["마트", "장보기", "{area}"],
    answers: [
      ["near", "{area}에도 하나로마트가 있고 보통 밤 9시, 10시까지 해요. 일요일에 쉬는 곳도 있으니 확인하세요."],
      ["local", "회나 생선은 동네 수산물 가게가 훨씬 싸고 싱싱해요."],
    ],
    accept: 0,
  },
  {
    places: ["hyeopjae", "seopjikoji", "bijarim", "seongsan", "cheonjiyeon"],
    asker: "visitor",
    category: "transport",
    titles: ["주말 오전에 {place} 주차장 자리 있을까요?", "{place} 주말 주차, 몇 시까지 가야 여유 있어요?"],
    content: "주말에 {place}에 가려고 하는데 주차장이 금방 찬다는 얘기를 들었어요. 몇 시쯤 가야 자리가 있을까요?",
    hashtags: ["주차", "주말", "{area}"],
    answers: [
      ["near", "주말엔 10시 전에 가시면 대부분 자리 있어요. 점심 지나면 갓길까지 꽉 차요."],
      ["local", "조금 떨어진 공영주차장은 무료인 경우가 많아요. 5분 걷는 게 마음 편해요."],
    ],
    accept: 0,
  },
  {
    places: ["seongsan", "jungmun", "olleMarket", "hallim", "pyoseon"],
    asker: "visitor",
    category: "food",
    titles: ["{area}에서 아침 일찍 여는 식당 있을까요?", "{area} 근처 7시 전에 여는 해장국집 있나요?"],
    content: "내일 새벽부터 움직여야 해서 아침 먹을 곳을 찾고 있어요. {area} 근처에 7시 전에 여는 해장국집이나 국숫집 있으면 알려주세요.",
    hashtags: ["아침식사", "해장국", "{area}"],
    answers: [
      ["near", "해장국집은 새벽 6시부터 여는 데가 꽤 있어요. {area} 버스 정류장 근처를 찾아보세요."],
      ["local", "고기국수집은 보통 9시 넘어서 열어요. 이른 아침엔 해장국이 제일 무난해요."],
    ],
    accept: 0,
  },
  {
    places: ["aewolHandam", "seongsan", "moseulpo", "gimnyeong", "songaksan", "seopjikoji"],
    asker: "visitor",
    category: "weather",
    urgency: "urgent",
    titles: ["오늘 {area} 바람 많이 부나요?", "지금 {area} 쪽 바람 어때요?"],
    content: "오후에 {place} 쪽으로 가려는데 바람이 너무 세면 일정을 바꾸려고요. 지금 그쪽 계신 분들 날씨 어떤지 알려주세요.",
    hashtags: ["날씨", "바람", "{area}"],
    answers: [
      ["near", "지금 바닷가는 모자가 날아갈 정도예요. 오늘은 해안 산책보다 실내 일정을 추천해요."],
      ["local", "오후 서너 시쯤부터 좀 잦아든다는 예보예요. 바람막이는 꼭 챙기세요."],
    ],
    accept: 0,
  },
  {
    places: ["seongsan", "jungmun", "aewolHandam", "pyoseon", "hallim", "hamdeok", "sehwa"],
    asker: "visitor",
    category: "transport",
    titles: ["제주공항에서 {area}까지 택시비 얼마나 나와요?", "밤 비행기 도착인데 공항에서 {area}까지 택시 타면 얼마예요?"],
    content: "밤 비행기로 도착해서 버스가 끊길 것 같아요. 공항에서 {area} 숙소까지 택시를 타면 대략 얼마 나오는지 알려주세요.",
    hashtags: ["택시", "제주공항", "{area}"],
    answers: [
      ["local", "심야할증 붙으면 예상보다 20% 정도 더 나와요. 호출 앱으로 미리 부르면 기다릴 필요 없어요."],
      ["local", "공항 택시 승강장은 밤늦게도 줄이 길지 않은 편이에요."],
    ],
    accept: 0,
  },
  {
    places: ["hallim", "seongsan", "dodu", "pyoseon"],
    asker: "visitor",
    category: "food",
    titles: ["{area}에서 회 떠서 숙소에서 먹고 싶어요", "{area} 근처 회 포장 잘해 주는 곳 있나요?"],
    content: "저녁은 숙소에서 회랑 한잔하려고 해요. {area} 근처에 회 떠서 포장해 주는 수산물 가게나 횟집이 있을까요?",
    hashtags: ["회포장", "{area}"],
    answers: [
      ["near", "항구 근처 수산물 가게에서 골라서 떠 달라고 하면 돼요. 그날 제철 생선이 뭔지 물어보고 고르세요."],
      ["local", "매운탕거리도 싸 달라고 하세요. 대부분 그냥 챙겨 주세요."],
    ],
    accept: 0,
  },
  {
    places: ["hyeopjae", "hamdeok", "gwakji", "pyoseon", "iho", "jungmun"],
    asker: "visitor",
    category: "sightseeing",
    titles: ["여름휴가 때 {place} 개장 기간이랑 샤워장 궁금해요", "{place}은 보통 언제 개장해요?"],
    content: "여름휴가로 {place}에 가려고 해요. 해수욕장 개장 기간이랑 샤워장, 파라솔 대여가 있는지 궁금합니다.",
    hashtags: ["해수욕장", "여름휴가", "{area}"],
    answers: [
      ["near", "보통 7월 초에 열어서 8월 말까지 해요. 개장 기간엔 샤워장이랑 파라솔 대여가 있어요."],
      ["local", "개장 전이나 끝난 뒤엔 안전요원이 없어요. 그때는 물에 깊이 들어가지 마세요."],
    ],
    accept: 0,
  },
  {
    places: ["aewolHandam", "jungmun", "seongsan", "hamdeok"],
    asker: "visitor",
    category: "cafe",
    titles: ["{area} 근처 주차 편한 카페 추천 부탁해요", "{area}에서 주차장 넉넉한 카페 있을까요?"],
    content: "렌터카로 다니는데 카페 앞 주차 때문에 고생을 많이 했어요. {area} 근처에 주차장 넉넉한 카페 아시는 분 계신가요?",
    hashtags: ["카페", "주차", "렌터카"],
    answers: [
      ["near", "대형 베이커리 카페들은 대부분 전용 주차장이 있어요. 골목 안 작은 카페는 갓길 주차라 단속 조심하세요."],
      ["local", "{area} 공영주차장에 세우고 5분 걸으시는 게 마음 편해요."],
    ],
    accept: 0,
  },
  {
    places: ["aewolHandam", "hallim", "sehwa", "pyoseon", "olleMarket"],
    asker: "newcomer",
    category: "stay",
    titles: ["{area}에서 한 달 살기 집은 어떻게 구해요?", "{area} 한달살기 집 몇 달 전부터 알아봐야 해요?"],
    content: "내년 봄에 {area}에서 한 달 정도 살아보려고 해요. 한달살기 집은 보통 어디서 구하고 몇 달 전부터 알아봐야 하는지 궁금합니다.",
    hashtags: ["한달살기", "제주살이", "{area}"],
    answers: [
      ["local", "봄 성수기는 3~4개월 전에 대부분 나가요. 지역 카페 커뮤니티에 올라오는 매물이 제일 많아요."],
      ["local", "관리비, 가스비, 청소비가 따로인 경우가 많으니 계약 전에 꼭 확인하세요."],
      ["near", "차가 없으시면 버스 정류장 가까운 곳으로 고르세요. 생각보다 배차 간격이 길어요."],
    ],
    accept: 0,
  },
];

const fill = (text: string, place: PlaceKey) => text.replaceAll("{place}", PLACES[place].name).replaceAll("{area}", PLACES[place].area);

/** Every recurring question, once per place it fits. */
export const RECURRING_THREADS: readonly Thread[] = RECURRING.flatMap(({ places, titles, ...r }) =>
  places.map((place, i) => ({
    ...r,
    place,
    title: fill(titles[i % titles.length]!, place),
    content: fill(r.content, place),
    hashtags: r.hashtags.map((h) => fill(h, place)),
    answers: r.answers.map(([voice, text]) => [voice, fill(text, place)] as const),
  })),
);
