import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import type { Answer } from "../../src/domain/answer/answer.js";
import type { Question } from "../../src/domain/question/question.js";
import { regionCatalog } from "../../src/domain/region/region.js";
import { AnswerId, QuestionId, UserId } from "../../src/domain/shared/ids.js";

export const jejuCatalog = regionCatalog(loadJejuRegions());
export const T0 = new Date("2026-11-01T03:00:00Z");

export const aQuestion = (over: Partial<Question> = {}): Question => ({
  id: QuestionId("q1"),
  authorId: UserId("asker"),
  title: "애월 근처 흑돼지 맛집 추천해주세요",
  content: "가족 여행으로 애월에 왔는데 현지인이 가는 흑돼지 맛집이 궁금합니다.",
  hashtags: ["흑돼지"],
  regionCode: "KR-49-01-02",
  category: "food",
  urgency: "normal",
  status: "open",
  location: null,
  locationDescription: null,
  locationIsPublic: false,
  images: [],
  viewCount: 0,
  likeCount: 0,
  answerCount: 0,
  acceptedAnswerId: null,
  acceptedAt: null,
  createdAt: T0,
  updatedAt: T0,
  deletedAt: null,
  ...over,
});

export const anAnswer = (over: Partial<Answer> = {}): Answer => ({
  id: AnswerId("a1"),
  questionId: QuestionId("q1"),
  authorId: UserId("local"),
  content: "애월 한담해변 근처 숙성도 추천드려요. 웨이팅이 있으니 일찍 가세요.",
  images: [],
  likeCount: 0,
  qualityScore: 0,
  isAccepted: false,
  acceptedAt: null,
  createdAt: T0,
  updatedAt: T0,
  deletedAt: null,
  hiddenAt: null,
  ...over,
});
