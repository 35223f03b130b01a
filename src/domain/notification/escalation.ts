import type { Question } from "../question/question.js";
import { type RegionCatalog, selfAndAncestors, selfAndDescendants } from "../region/region.js";
import { distanceKm } from "../shared/geo.js";
import type { UserId } from "../shared/ids.js";
import type { NotificationDraft } from "./notification.js";

export type EscalatedUrgency = "urgent" | "emergency";

/**
 * Minutes after the question was asked at which each ring is notified while it has no answer:
 * ring 0 its region's verified locals, 1 the neighbouring regions, 2 the whole city, 3 the whole island.
 */
export const RING_MINUTES: Readonly<Record<EscalatedUrgency, readonly number[]>> = {
  emergency: [0, 5, 15, 30],
  urgent: [0, 30, 60, 120],
};
export const RINGS = ["region", "neighbours", "city", "island"] as const;
/** A region's neighbours: the nearest regions of its kind (by centre), at most this many and this far. */
export const NEIGHBOURS = 4;
export const NEIGHBOUR_KM = 15;
/** Escalation notices one local gets per Korean day, whatever the number of urgent questions. */
export const DAILY_ESCALATION_CAP = 10;
/** Locals notified per ring at most (the nearest rings come first). */
export const RING_RECIPIENTS_MAX = 200;

export const isEscalated = (urgency: string): urgency is EscalatedUrgency => urgency === "urgent" || urgency === "emergency";

/** When ring `ring` is due, or null after the last ring. */
export const ringDueAt = (urgency: EscalatedUrgency, askedAt: Date, ring: number): Date | null => {
  const minutes = RING_MINUTES[urgency][ring];
  return minutes === undefined ? null : new Date(askedAt.getTime() + minutes * 60_000);
};

/** The region codes whose locals ring `ring` reaches (each ring includes the inner ones; repeats are skipped by the store). */
export const ringRegions = (catalog: RegionCatalog, regionCode: string, ring: number): readonly string[] => {
  const region = catalog.byCode.get(regionCode);
  if (!region) return [];
  if (ring === 0) return selfAndDescendants(catalog, regionCode);
  if (ring === 1) {
    const centre = region.center;
    const near = [...catalog.byCode.values()]
      .flatMap((r) =>
        r.code !== regionCode && r.type === region.type && r.center && centre ? [{ r, km: distanceKm(r.center, centre) }] : [],
      )
      .filter((x) => x.km <= NEIGHBOUR_KM)
      .sort((a, b) => a.km - b.km || (a.r.code < b.r.code ? -1 : 1))
      .slice(0, NEIGHBOURS)
      .map((x) => x.r);
    return [...new Set([regionCode, ...[region, ...near].flatMap((r) => selfAndDescendants(catalog, r.code))])];
  }
  const ancestors = selfAndAncestors(catalog, regionCode).map((c) => catalog.byCode.get(c));
  const wanted = ring === 2 ? "city" : "province";
  const top = ancestors.find((r) => r?.type === wanted) ?? ancestors.at(-1);
  // Cumulative: a neighbour across the city line stays in the city ring.
  return [...new Set([...ringRegions(catalog, regionCode, ring - 1), ...(top ? selfAndDescendants(catalog, top.code) : [])])];
};

/** A Korean calendar day starts at 00:00 KST (UTC+9, no daylight saving). */
export const kstDayStart = (now: Date): Date => {
  const kst = now.getTime() + 9 * 3_600_000;
  return new Date(kst - (kst % 86_400_000) - 9 * 3_600_000);
};

/** Who this ring notifies: candidates not yet told of this question, under their daily cap, at most `max`. */
export const pickRecipients = (
  candidates: readonly UserId[],
  alreadyNotified: ReadonlySet<string>,
  todayCounts: ReadonlyMap<string, number>,
  cap = DAILY_ESCALATION_CAP,
  max = RING_RECIPIENTS_MAX,
): UserId[] => [...new Set(candidates)].filter((u) => !alreadyNotified.has(u) && (todayCounts.get(u) ?? 0) < cap).slice(0, max);

/** What an emergency's asker and the locals it reaches read, in Korean and English. */
export const SAFETY_NOTICE = {
  ko: "생명이 위험하거나 범죄·사고·화재 상황이라면 지금 바로 112(경찰) 또는 119(화재·구조·구급)에 전화하세요. 동네 이웃의 답변을 기다리지 마세요.",
  en: "If a life is in danger, or there is a crime, accident or fire, call 112 (police) or 119 (fire, rescue, ambulance) now. Do not wait for neighbours' answers.",
} as const;

/** The notice to a local about an urgent or emergency question nearby. */
export const urgentQuestionNotice = (
  userId: UserId,
  q: Pick<Question, "id" | "title" | "urgency" | "regionCode">,
  ring: number,
): NotificationDraft => {
  const emergency = q.urgency === "emergency";
  return {
    userId,
    type: "urgent_question",
    title: emergency ? "🚨 근처에 긴급 질문이 올라왔어요" : "근처에 급한 질문이 올라왔어요",
    message: emergency ? `"${q.title}" — 도움이 필요해요. ${SAFETY_NOTICE.ko}` : `"${q.title}" — 동네 주민의 답변을 기다리고 있어요.`,
    data: { questionId: q.id, urgency: q.urgency, regionCode: q.regionCode, ring },
  };
};
