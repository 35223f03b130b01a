import { describe, expect, it } from "vitest";
import { buildDemoPlan } from "../../src/app/cli/demo/plan.js";

const end = new Date("2026-11-20T12:00:00Z");
const plan = buildDemoPlan(end);
const DAY = 86_400_000;
const kstDay = (d: Date) => Math.floor((d.getTime() + 9 * 3_600_000) / DAY);
const isResident = (user: number) => plan.users[user]!.home !== undefined;

describe("the demo community (npm run seed:demo)", () => {
  it("asks varied questions: every title once, 한라산 among them, each place with topics that fit it", () => {
    const titles = plan.questions.map((q) => q.input.title);
    expect(titles.length).toBeGreaterThanOrEqual(180);
    expect(new Set(titles).size).toBe(titles.length);
    expect(new Set(plan.questions.map((q) => q.input.content)).size).toBeGreaterThan(titles.length * 0.9);
    // The README's search examples (ㅎㄹㅅ, gksfktks) find these.
    expect(titles.filter((t) => t.includes("한라산")).length).toBeGreaterThanOrEqual(8);
    // The pairings the first demo made.
    expect(titles.filter((t) => (t.includes("공항") && t.includes("입장료")) || (t.includes("노형") && t.includes("일출")))).toEqual([]);
  });

  it("spreads over the last weeks and hours of the day, up to now and never past it", () => {
    const asked = plan.questions.map((q) => q.at);
    expect(new Set(asked.map(kstDay)).size).toBeGreaterThanOrEqual(30);
    expect(Math.min(...asked.map((d) => d.getTime()))).toBeLessThan(end.getTime() - 30 * DAY);
    expect(asked.filter((d) => end.getTime() - d.getTime() < DAY).length).toBeGreaterThan(0);
    expect(new Set(asked.map((d) => (d.getUTCHours() + 9) % 24)).size).toBeGreaterThanOrEqual(16);
    const times = plan.events.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(end.getTime());
    expect(times[0]).toBeGreaterThan(plan.start.getTime() + 3 * DAY);
  });

  it("is answered mostly by verified locals, after the question and never by its asker; some still wait", () => {
    const answers = plan.questions.flatMap((q) => q.answers.map((a) => ({ q, a })));
    for (const { q, a } of answers) {
      expect(a.author).not.toBe(q.author);
      expect(a.at.getTime()).toBeGreaterThan(q.at.getTime());
    }
    expect(answers.filter(({ a }) => isResident(a.author)).length).toBeGreaterThan(answers.length * 0.8);
    expect(plan.questions.filter((q) => q.answers.length === 0).length).toBeGreaterThan(0);
    const answered = plan.questions.filter((q) => q.answers.length > 0);
    expect(plan.questions.filter((q) => q.acceptIndex !== undefined).length).toBeGreaterThan(answered.length * 0.5);
    // Residents, newcomers and visitors all ask.
    expect(new Set(plan.questions.map((q) => (isResident(q.author) ? "resident" : plan.users[q.author]!.email.split(/\d/)[0]))).size).toBe(
      3,
    );
  });

  it("has been read and liked: every question has views, the liked ones by people other than their authors", () => {
    expect(plan.questions.every((q) => q.views > 0)).toBe(true);
    expect(Math.max(...plan.questions.map((q) => q.views))).toBeGreaterThan(100);
    const likes = plan.events.filter((e) => e.kind === "likeQuestion" || e.kind === "likeAnswer");
    expect(likes.length).toBeGreaterThan(plan.questions.length);
    for (const e of likes) {
      const q = plan.questions[e.question]!;
      const author = e.kind === "likeAnswer" ? q.answers[e.answer]!.author : q.author;
      expect(e.user).not.toBe(author);
    }
  });

  it("is the same plan every time for the same end", () => {
    expect(JSON.stringify(buildDemoPlan(end))).toBe(JSON.stringify(plan));
  });
});
