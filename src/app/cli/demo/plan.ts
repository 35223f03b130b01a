import { loadJejuRegions } from "../../../adapters/region-data/jejuRegions.js";
import type { AskQuestionInput } from "../../../application/question/askQuestion.js";
import { askQuestion } from "../../../domain/question/question.js";
import { locateNear, regionCatalog } from "../../../domain/region/region.js";
import type { LatLng } from "../../../domain/shared/geo.js";
import { QuestionId, UserId } from "../../../domain/shared/ids.js";
import { PLACES, type PlaceKey } from "./places.js";
import { RECURRING_THREADS } from "./recurring.js";
import type { Asker, Thread, Voice } from "./thread.js";
import { FOOD } from "./threads/food.js";
import { HALLASAN } from "./threads/hallasan.js";
import { ISLANDS } from "./threads/islands.js";
import { LIVING } from "./threads/living.js";
import { SIGHTS } from "./threads/places.js";
import { TRIPS } from "./threads/trips.js";

export const DEMO_EMAIL_DOMAIN = "demo.dongne.kr";
export const DEMO_PASSWORD = "jeju-demo-2026";

/** Every question the demo community asks, hand-written ones first. */
export const THREADS: readonly Thread[] = [...HALLASAN, ...ISLANDS, ...FOOD, ...SIGHTS, ...LIVING, ...TRIPS, ...RECURRING_THREADS];

/** Residents answer from home: each one's position checks make them a verified local there. */
const RESIDENTS: readonly { readonly nickname: string; readonly home: PlaceKey }[] = [
  { nickname: "애월토박이", home: "aewolHandam" },
  { nickname: "한림바다", home: "hallim" },
  { nickname: "고산삼춘", home: "chagwido" },
  { nickname: "모슬포어부", home: "moseulpo" },
  { nickname: "안덕살이", home: "sanbangsan" },
  { nickname: "중문사람", home: "jungmun" },
  { nickname: "서귀포댁", home: "olleMarket" },
  { nickname: "효돈귤농부", home: "soesokkak" },
  { nickname: "위미동백", home: "wimi" },
  { nickname: "남원올레꾼", home: "namwon" },
  { nickname: "표선삼촌", home: "pyoseon" },
  { nickname: "성산해녀딸", home: "seongsan" },
  { nickname: "우도지기", home: "udo" },
  { nickname: "세화카페지기", home: "sehwa" },
  { nickname: "김녕할망", home: "gimnyeong" },
  { nickname: "함덕주민", home: "hamdeok" },
  { nickname: "교래리주민", home: "gyorae" },
  { nickname: "동문시장상인", home: "dongmunMarket" },
  { nickname: "노형동주민", home: "nohyeong" },
  { nickname: "아라동아빠", home: "ara" },
  { nickname: "한라산지킴이", home: "gwaneumsa" },
  { nickname: "이호테우주민", home: "iho" },
  { nickname: "연세살이3년차", home: "saebyeol" },
];
/** People moving to Jeju or just arrived: not verified yet. */
const NEWCOMERS = ["한달살기준비", "제주이주1년차", "이주고민중"];
const VISITORS = [
  "여행자김씨",
  "서울에서온곰",
  "부산갈매기",
  "뚜벅이여행",
  "혼행러",
  "가족여행중",
  "캠핑카부부",
  "제주첫방문",
  "주말여행자",
  "대구등산러",
  "유모차부대",
  "신혼여행중",
  "Visitor_Tom",
  "Emily_in_Jeju",
];

export interface DemoUser {
  readonly email: string;
  readonly nickname: string;
  readonly regionCode?: string;
  readonly home?: LatLng;
}

export interface DemoAnswer {
  readonly author: number;
  readonly content: string;
  readonly at: Date;
}

export interface DemoQuestion {
  readonly author: number;
  readonly input: Omit<AskQuestionInput, "authorId">;
  readonly at: Date;
  readonly answers: readonly DemoAnswer[];
  readonly acceptIndex?: number;
  /** Views by the end of the demo's time, written once as the view counter would. */
  readonly views: number;
}

/** What happens after the users exist, in time order. Indices point into `questions` and their `answers`. */
export type DemoEvent = { readonly at: Date } & (
  | { readonly kind: "ask"; readonly question: number }
  | { readonly kind: "answer"; readonly question: number; readonly answer: number }
  | { readonly kind: "likeQuestion"; readonly question: number; readonly user: number }
  | { readonly kind: "likeAnswer"; readonly question: number; readonly answer: number; readonly user: number }
  | { readonly kind: "accept"; readonly question: number }
);

export interface DemoPlan {
  readonly users: readonly DemoUser[];
  /** When the users register and the residents' position checks begin (one a day, three days). */
  readonly start: Date;
  readonly questions: readonly DemoQuestion[];
  readonly events: readonly DemoEvent[];
}

/** A small deterministic PRNG (mulberry32): the same demo every time. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KST = 9 * HOUR;
/** Questions go back this far; more of them recently, as in a growing community. */
const HISTORY_DAYS = 45;
/** How many people ask at each hour of a Korean day (0 h … 23 h). */
const HOURLY = [1, 0.5, 0.3, 0.2, 0.2, 0.5, 1.5, 3, 4, 6, 7, 7, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 7, 4];

const km = (a: LatLng, b: LatLng) => Math.hypot((a.lat - b.lat) * 111, (a.lng - b.lng) * 93);

/**
 * The demo community over the last weeks, ending at `end`: who registers, who asks what where and
 * when, who answers (the neighbours of the place first), what is liked and accepted, how often each
 * question was viewed. Deterministic for a given `end`.
 */
export const buildDemoPlan = (end: Date): DemoPlan => {
  const random = prng(49);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const between = (min: number, max: number) => min + random() * (max - min);
  const catalog = regionCatalog(loadJejuRegions());

  const residents = RESIDENTS.map((r, i) => {
    const place = PLACES[r.home];
    const regionCode = locateNear(catalog, place)?.code;
    return {
      email: `resident${i + 1}@${DEMO_EMAIL_DOMAIN}`,
      nickname: r.nickname,
      ...(regionCode ? { regionCode, home: { lat: place.lat, lng: place.lng } } : {}),
    };
  });
  const users: DemoUser[] = [
    ...residents,
    ...NEWCOMERS.map((nickname, i) => ({ email: `newcomer${i + 1}@${DEMO_EMAIL_DOMAIN}`, nickname })),
    ...VISITORS.map((nickname, i) => ({ email: `visitor${i + 1}@${DEMO_EMAIL_DOMAIN}`, nickname })),
  ];
  const residentIds = residents.map((_, i) => i);
  const newcomerIds = NEWCOMERS.map((_, i) => residents.length + i);
  const visitorIds = VISITORS.map((_, i) => residents.length + NEWCOMERS.length + i);
  const everyone = users.map((_, i) => i);
  /** Residents from the nearest home outwards. */
  const neighboursOf = (place: LatLng) =>
    [...residentIds].sort((a, b) => km(place, PLACES[RESIDENTS[a]!.home]) - km(place, PLACES[RESIDENTS[b]!.home]));

  const askerOf = (asker: Asker, place: LatLng) =>
    asker === "local" ? neighboursOf(place)[0]! : asker === "newcomer" ? pick(newcomerIds) : pick(visitorIds);
  const answererOf = (voice: Voice, place: LatLng, taken: readonly number[]) => {
    const free = (ids: readonly number[]) => ids.filter((u) => !taken.includes(u));
    if (voice === "near") return free(neighboursOf(place))[Math.floor(random() * 2)] ?? pick(free(residentIds));
    return pick(free(voice === "local" ? residentIds : visitorIds));
  };

  const endMs = end.getTime();
  const kstMidnight = Math.floor((endMs + KST) / DAY) * DAY - KST;
  let total = 0;
  const hourWeights = HOURLY.map((w) => (total += w));
  const askedAt = () => {
    const daysAgo = Math.floor(HISTORY_DAYS * random() ** 1.5);
    const r = random() * hourWeights.at(-1)!;
    const hour = hourWeights.findIndex((w) => r < w);
    const at = kstMidnight - daysAgo * DAY + hour * HOUR + Math.floor(random() * 60) * MINUTE;
    return at > endMs - 15 * MINUTE ? at - DAY : at;
  };

  const questions: DemoQuestion[] = [];
  const events: DemoEvent[] = [];
  for (const thread of THREADS) {
    const q = questions.length;
    const place = PLACES[thread.place];
    const author = askerOf(thread.asker, place);
    const asked = askedAt();
    const hurry = thread.urgency !== undefined && thread.urgency !== "normal";
    events.push({ at: new Date(asked), kind: "ask", question: q });

    // Answers come in order; those that would come after `end` have not been written yet.
    const answers: DemoAnswer[] = [];
    let last = asked;
    // Not every question finds someone who knows, or more than one who does.
    const told = random() < 0.06 ? 0 : random() < 0.2 ? 1 : thread.answers.length;
    for (const [voice, content] of thread.answers.slice(0, told)) {
      last +=
        answers.length === 0 && hurry
          ? between(3, 30) * MINUTE
          : (answers.length === 0 ? 15 * 32 ** random() : between(10, 1_200)) * MINUTE;
      if (last > endMs - MINUTE) break;
      const by = answererOf(voice, place, [author, ...answers.map((a) => a.author)]);
      events.push({ at: new Date(last), kind: "answer", question: q, answer: answers.length });
      answers.push({ author: by, content, at: new Date(last) });
    }

    // Most askers come back to accept the answer that helped; some never do, or not yet.
    const chosen = thread.accept === undefined ? undefined : answers[thread.accept];
    const acceptAt = chosen && random() < 0.85 ? chosen.at.getTime() + between(20, 1_800) * MINUTE : Number.POSITIVE_INFINITY;
    const accepted = acceptAt < endMs ? thread.accept : undefined;
    if (accepted !== undefined) events.push({ at: new Date(acceptAt), kind: "accept", question: q });

    const later = (from: number) => Math.min(from + between(5, 2 * 1_440) * MINUTE, endMs - MINUTE);
    const questionLikers = everyone.filter((u) => u !== author).sort(() => random() - 0.5);
    // A question asked minutes ago has had little time to be liked.
    const fresh = Math.min(1, (endMs - asked) / DAY);
    const likes = Math.floor(random() ** 2 * 8 * fresh) + (hurry ? 1 : 0);
    for (const user of questionLikers.slice(0, likes)) events.push({ at: new Date(later(asked)), kind: "likeQuestion", question: q, user });
    answers.forEach((a, i) => {
      const n = Math.floor(random() ** 2 * 4) + (i === accepted ? 2 : 0);
      for (const user of everyone
        .filter((u) => u !== a.author)
        .sort(() => random() - 0.5)
        .slice(0, n))
        events.push({ at: new Date(later(a.at.getTime())), kind: "likeAnswer", question: q, answer: i, user });
    });

    const ageDays = (endMs - asked) / DAY;
    const popular = random() < 0.08 ? between(80, 300) : 0;
    const views = Math.max(
      1,
      Math.round((3 + random() * 12) * (1 + Math.log2(1 + ageDays * 4)) + answers.length * 7 + likes * 4 + popular),
    );

    const withPin = random() < 0.6;
    const regionCode = locateNear(catalog, place)?.code;
    questions.push({
      author,
      at: new Date(asked),
      input: {
        title: thread.title,
        content: thread.content,
        hashtags: thread.hashtags,
        category: thread.category,
        ...(thread.urgency ? { urgency: thread.urgency } : {}),
        ...(withPin ? { location: { lat: place.lat, lng: place.lng, description: place.name } } : { regionCode }),
      },
      answers,
      ...(accepted !== undefined ? { acceptIndex: accepted } : {}),
      views,
    });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());

  // Refuse a plan the domain would reject, before anything is written.
  for (const q of questions) {
    const checked = askQuestion({ ...q.input, id: QuestionId("plan"), authorId: UserId("plan") }, catalog, q.at);
    if (checked.isErr()) throw new Error(`demo question "${q.input.title}" is invalid: ${checked.error._tag}`);
  }
  const start = new Date(Math.min(events[0]?.at.getTime() ?? endMs, endMs - HISTORY_DAYS * DAY) - 4 * DAY);
  return { users, start, questions, events };
};
