import { register } from "../../src/application/account/register.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import type { ConsentInput } from "../../src/domain/privacy/consent.js";
import type { TestApp } from "./testLayer.js";

let counter = 0;

/** Scenario users agreed to the location terms (the scenarios use location features); pass `consents` to differ. */
export const registerUser = async (
  app: TestApp,
  nickname: string,
  regionCode = "KR-49-01-02",
  options: { readonly consents?: ConsentInput; readonly birthYear?: number } = {},
) => {
  counter++;
  const { user, session } = await app.run(
    register({
      email: `user${counter}-${nickname}@example.kr`,
      password: "비밀번호1234",
      nickname,
      regionCode,
      consents: options.consents ?? { terms: true, privacy: true, location: true },
      birthYear: options.birthYear,
    }),
  );
  return { id: user.id, email: user.email, token: session.token, nickname };
};

export const ask = (
  app: TestApp,
  authorId: Parameters<typeof askQuestion>[0]["authorId"],
  over: Partial<Parameters<typeof askQuestion>[0]> = {},
) =>
  app.run(
    askQuestion({
      authorId,
      title: "애월 근처 흑돼지 맛집 추천해주세요",
      content: "가족 여행으로 애월에 왔는데 현지인이 가는 흑돼지 맛집이 궁금합니다.",
      hashtags: ["#흑돼지", "애월"],
      regionCode: "KR-49-01-02",
      ...over,
    }),
  );
