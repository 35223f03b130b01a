import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { CATEGORIES, classifyCategory } from "../../src/domain/question/category.js";
import { askQuestion, CONTENT_LENGTH, changeStatus, QUESTION_STATUSES, TITLE_LENGTH } from "../../src/domain/question/question.js";
import { AnswerId, QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { charLength } from "../../src/domain/shared/text.js";
import { aQuestion, jejuCatalog, T0 } from "../support/builders.js";

const hangulText = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."제주애월오름카페맛집흑돼지 공항버스날씨"), minLength: min, maxLength: max });

const base = { id: QuestionId("q"), authorId: UserId("u"), regionCode: "KR-49-01-02" };

describe("asking a question", () => {
  test.prop([hangulText(0, 260), hangulText(25, 60)])(
    "accepts a title exactly when it is 10–200 characters after trimming",
    (title, content) => {
      const n = charLength(title.trim());
      const result = askQuestion({ ...base, title, content: `${content}가나다라마바사아자차카타파하` }, jejuCatalog, T0);
      expect(result.isOk()).toBe(n >= TITLE_LENGTH.min && n <= TITLE_LENGTH.max);
      if (result.isErr()) expect(result.error._tag).toBe("QuestionTitleLength");
    },
  );

  test.prop([hangulText(0, 2100)])("accepts content exactly when it is 20–2000 characters after trimming", (content) => {
    const n = charLength(content.trim());
    const result = askQuestion({ ...base, title: "제주 공항 근처 주차 질문", content }, jejuCatalog, T0);
    expect(result.isOk()).toBe(n >= CONTENT_LENGTH.min && n <= CONTENT_LENGTH.max);
  });

  test.prop([hangulText(10, 60), hangulText(20, 200), fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined })])(
    "always ends with a known category: the given one, or the classifier's",
    (title, content, category) => {
      const q = askQuestion(
        { ...base, title: `${title}0123456789`, content: `${content}01234567890123456789`, category },
        jejuCatalog,
        T0,
      )._unsafeUnwrap();
      expect(CATEGORIES).toContain(q.category);
      if (category) expect(q.category).toBe(category);
      else expect(q.category).toBe(classifyCategory(q.title, q.content));
      expect(q.status).toBe("open");
      expect(q.urgency).toBe("normal");
    },
  );

  test("classifies by keywords, deterministically", () => {
    expect(classifyCategory("애월 흑돼지 맛집 추천", "저녁에 갈 만한 식당")).toBe("food");
    expect(classifyCategory("공항 가는 버스 시간", "새벽 비행기라 택시도 알아봐요")).toBe("transport");
    expect(classifyCategory("오늘 한라산 날씨 어때요?", "태풍 소식이 있어서요")).toBe("weather");
    expect(classifyCategory("안녕하세요 질문입니다", "아무 단서 없는 내용입니다")).toBe("other");
  });

  test("derives the region from a location, and refuses a location that disagrees with the region", () => {
    const airport = { lat: 33.5104, lng: 126.4914 };
    const ask = (regionCode?: string) =>
      askQuestion(
        {
          ...base,
          regionCode,
          title: "공항 근처 주차장 어디가 싼가요?",
          content: "렌터카 반납 전에 잠깐 세울 곳이 필요해요.",
          location: airport,
        },
        jejuCatalog,
        T0,
      );
    expect(ask()._unsafeUnwrap().regionCode).toBe("KR-49-01-58");
    expect(ask("KR-49-01")._unsafeUnwrap().regionCode).toBe("KR-49-01");
    expect(ask("KR-49-02-05")._unsafeUnwrapErr()._tag).toBe("LocationRegionMismatch");
    expect(ask("KR-99")._unsafeUnwrapErr()._tag).toBe("RegionNotFound");
  });

  test("needs a region or a location inside the service area", () => {
    const input = {
      id: base.id,
      authorId: base.authorId,
      title: "공항 근처 주차장 어디가 싼가요?",
      content: "렌터카 반납 전에 잠깐 세울 곳이 필요해요.",
    };
    expect(askQuestion(input, jejuCatalog, T0)._unsafeUnwrapErr()._tag).toBe("QuestionRegionRequired");
    expect(askQuestion({ ...input, location: { lat: 37.56, lng: 126.97 } }, jejuCatalog, T0)._unsafeUnwrapErr()._tag).toBe(
      "LocationOutsideServiceArea",
    );
  });
});

describe("question status", () => {
  const arbStatus = fc.constantFrom(...QUESTION_STATUSES);
  test.prop([fc.boolean(), fc.array(arbStatus, { maxLength: 20 })])(
    "never reopens a question with an accepted answer, and is 'answered' only with one",
    (accepted, steps) => {
      let q = aQuestion(accepted ? { status: "answered", acceptedAnswerId: AnswerId("a"), acceptedAt: T0 } : {});
      for (const to of steps) {
        q = changeStatus(q, to, T0).unwrapOr(q);
        if (q.status === "answered") expect(q.acceptedAnswerId).not.toBeNull();
        if (accepted) expect(q.status).not.toBe("open");
        expect(q.acceptedAnswerId !== null).toBe(accepted);
      }
    },
  );
});
