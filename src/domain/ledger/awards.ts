export const ENTRY_TYPES = [
  "earn_answer",
  "earn_accepted_answer",
  "earn_daily_login",
  "earn_first_question",
  "earn_milestone",
  "spend_highlight",
  "spend_premium",
  "admin_adjustment",
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** The one table of point amounts (earnings positive, spending negative). Admin adjustments carry their own. */
export const POINTS: Record<Exclude<EntryType, "admin_adjustment">, number> = {
  earn_answer: 10,
  earn_accepted_answer: 150,
  earn_daily_login: 5,
  earn_first_question: 20,
  earn_milestone: 100,
  spend_highlight: -100,
  spend_premium: -500,
};

export const ENTRY_DESCRIPTIONS: Record<EntryType, string> = {
  earn_answer: "답변 작성으로 인한 포인트 획득",
  earn_accepted_answer: "답변 채택으로 인한 포인트 획득",
  earn_daily_login: "일일 로그인 보상",
  earn_first_question: "첫 질문 작성 보상",
  earn_milestone: "배지 획득 보상",
  spend_highlight: "질문 강조 사용",
  spend_premium: "프리미엄 기능 사용",
  admin_adjustment: "관리자 조정",
};
