import { loadJejuRegions } from "../../../adapters/region-data/jejuRegions.js";
import type { AskQuestionInput } from "../../../application/question/askQuestion.js";
import { askQuestion } from "../../../domain/question/question.js";
import { locateNear, regionCatalog } from "../../../domain/region/region.js";
import type { LatLng } from "../../../domain/shared/geo.js";
import { QuestionId, UserId } from "../../../domain/shared/ids.js";
import { PLACES, type Place } from "./places.js";
import { TOPICS } from "./topics.js";

export const DEMO_EMAIL_DOMAIN = "demo.dongne.kr";
export const DEMO_PASSWORD = "jeju-demo-2026";
const QUESTIONS = 300;

/** A small deterministic PRNG (mulberry32): the same demo every time. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const RESIDENTS = [
  "애월토박이",
  "한림바다",
  "성산해녀딸",
  "우도지기",
  "함덕주민",
  "월정리서퍼",
  "공항옆동네",
  "동문시장상인",
  "중문사람",
  "서귀포댁",
  "효돈귤농부",
  "새별오름러",
  "표선삼촌",
  "안덕살이",
  "모슬포어부",
  "김녕할망",
  "세화카페지기",
  "이호테우주민",
];
const VISITORS = [
  "여행자김씨",
  "서울에서온곰",
  "부산갈매기",
  "뚜벅이여행",
  "혼행러",
  "가족여행중",
  "캠핑카부부",
  "한달살기준비",
  "제주첫방문",
  "주말여행자",
  "Visitor_Tom",
  "Emily_in_Jeju",
];

export interface DemoUser {
  readonly email: string;
  readonly nickname: string;
  readonly regionCode?: string;
  readonly home?: LatLng;
}

export interface DemoQuestion {
  readonly author: number;
  readonly input: Omit<AskQuestionInput, "authorId">;
  readonly minutesAfterPrevious: number;
  readonly answers: readonly { readonly author: number; readonly content: string; readonly minutesLater: number }[];
  readonly likers: readonly number[];
  readonly acceptIndex?: number;
}

const fill = (text: string, place: Place) => text.replaceAll("{place}", place.name).replaceAll("{area}", place.area);

export const buildDemoPlan = () => {
  const random = prng(49);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const catalog = regionCatalog(loadJejuRegions());
  const residentPlaces = RESIDENTS.map((_, i) => PLACES[i % PLACES.length] as Place);
  const users: DemoUser[] = [
    ...RESIDENTS.map((nickname, i) => {
      const place = residentPlaces[i] as Place;
      const regionCode = locateNear(catalog, place)?.code;
      return {
        email: `resident${i + 1}@${DEMO_EMAIL_DOMAIN}`,
        nickname,
        ...(regionCode ? { regionCode, home: { lat: place.lat, lng: place.lng } } : {}),
      };
    }),
    ...VISITORS.map((nickname, i) => ({ email: `visitor${i + 1}@${DEMO_EMAIL_DOMAIN}`, nickname })),
  ];
  const residentIds = RESIDENTS.map((_, i) => i);
  const everyone = users.map((_, i) => i);

  const questions: DemoQuestion[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    const place = PLACES[(i * 7 + Math.floor(i / TOPICS.length)) % PLACES.length]!;
    const author = random() < 0.7 ? RESIDENTS.length + Math.floor(random() * VISITORS.length) : pick(everyone);
    const withPin = random() < 0.6;
    const regionCode = locateNear(catalog, place)?.code;
    const answerCount = Math.min(topic.answers.length, Math.floor(random() * (topic.answers.length + 1)));
    const answerers = [...residentIds]
      .sort(() => random() - 0.5)
      .filter((u) => u !== author)
      .slice(0, answerCount);
    const answers = answerers.map((a, k) => ({
      author: a,
      content: fill(topic.answers[k]!, place),
      minutesLater: 5 + Math.floor(random() * 90),
    }));
    questions.push({
      author,
      input: {
        title: fill(topic.title, place),
        content: fill(topic.content, place),
        hashtags: topic.hashtags.map((h) => fill(h, place)),
        category: topic.category,
        ...(topic.urgency ? { urgency: topic.urgency } : {}),
        ...(withPin ? { location: { lat: place.lat, lng: place.lng, description: place.name } } : { regionCode }),
      },
      minutesAfterPrevious: 30 + Math.floor(random() * 90),
      answers,
      likers: everyone.filter((u) => u !== author && random() < 0.08),
      ...(answers.length > 0 && random() < 0.55 ? { acceptIndex: Math.floor(random() * answers.length) } : {}),
    });
  }
  // Refuse a plan the domain would reject, before anything is written.
  for (const q of questions) {
    const checked = askQuestion({ ...q.input, id: QuestionId("plan"), authorId: UserId("plan") }, catalog, new Date());
    if (checked.isErr()) throw new Error(`demo question "${q.input.title}" is invalid: ${checked.error._tag}`);
  }
  return { users, questions };
};
