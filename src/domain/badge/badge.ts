import { isLocalVerified } from "../user/user.js";

export interface BadgeRecord {
  readonly questionCount: number;
  readonly answerCount: number;
  readonly acceptedAnswerCount: number;
  readonly verificationLevel: number;
  /** Accepted answers on questions in the user's home region (or below it). */
  readonly acceptedInHomeRegion: number;
}

export interface BadgeRule {
  readonly type: string;
  readonly name: string;
  readonly description: string;
  /** Level n is reached when the metric meets thresholds[n - 1]; thresholds ascend. */
  readonly thresholds: readonly number[];
  readonly metric: (r: BadgeRecord) => number;
}

export const BADGE_RULES: readonly BadgeRule[] = [
  { type: "first_question", name: "첫 질문", description: "첫 질문을 올렸어요", thresholds: [1], metric: (r) => r.questionCount },
  { type: "first_answer", name: "첫 답변", description: "첫 답변을 남겼어요", thresholds: [1], metric: (r) => r.answerCount },
  {
    type: "helpful_neighbor",
    name: "친절한 이웃",
    description: "답변이 채택되었어요 (1·10·50회)",
    thresholds: [1, 10, 50],
    metric: (r) => r.acceptedAnswerCount,
  },
  {
    type: "local_expert",
    name: "동네 전문가",
    description: "인증된 현지인으로 우리 동네 질문에서 채택되었어요 (5·20·50회)",
    thresholds: [5, 20, 50],
    metric: (r) => (isLocalVerified(r) ? r.acceptedInHomeRegion : 0),
  },
];

export interface Badge {
  readonly type: string;
  readonly level: number;
}

export interface BadgeAward {
  readonly type: string;
  readonly name: string;
  readonly level: number;
  readonly previousLevel: number;
}

/**
 * Whether the home-region count can matter: only a verified local with enough accepted answers in all
 * can reach 동네 전문가 (the home-region count never exceeds the total), so others skip counting.
 */
export const needsHomeRegionCount = (r: Omit<BadgeRecord, "acceptedInHomeRegion">): boolean =>
  isLocalVerified(r) && r.acceptedAnswerCount >= (badgeRule("local_expert")?.thresholds[0] ?? 0);

/**
 * Whether growing a record from `before` to `after` reaches some badge threshold. Badges are awarded
 * in the unit of work that grows their metric, so a change that reaches none earns nothing new and
 * the held badges need not even be read.
 */
export const reachesThreshold = (before: BadgeRecord, after: BadgeRecord, rules: readonly BadgeRule[] = BADGE_RULES): boolean =>
  rules.some((rule) => {
    const [from, to] = [rule.metric(before), rule.metric(after)];
    return rule.thresholds.some((t) => from < t && t <= to);
  });

export const levelFor = (rule: BadgeRule, record: BadgeRecord): number => {
  const value = rule.metric(record);
  return rule.thresholds.filter((t) => value >= t).length;
};

/** New badges and level-ups the record earns over what is held; a badge is never lowered or revoked. */
export const evaluateBadges = (record: BadgeRecord, held: readonly Badge[], rules: readonly BadgeRule[] = BADGE_RULES): BadgeAward[] => {
  const heldLevel = new Map(held.map((b) => [b.type, b.level]));
  return rules.flatMap((rule) => {
    const level = levelFor(rule, record);
    const previousLevel = heldLevel.get(rule.type) ?? 0;
    return level > previousLevel ? [{ type: rule.type, name: rule.name, level, previousLevel }] : [];
  });
};

export const badgeRule = (type: string): BadgeRule | undefined => BADGE_RULES.find((r) => r.type === type);
