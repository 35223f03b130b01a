export type TrendingRange = "24h" | "7d";
export const TRENDING_WINDOW_HOURS: Record<TrendingRange, number> = { "24h": 24, "7d": 168 };

export interface TagUse {
  readonly tag: string;
  readonly at: Date;
}

export interface TrendingTag {
  readonly tag: string;
  readonly count: number;
  readonly lastUsedAt: Date;
}

/** Most used tags inside the window ending at `now`; ties go to the most recent, then by name. */
export const trendingTags = (uses: readonly TagUse[], now: Date, range: TrendingRange, limit: number): TrendingTag[] => {
  const since = now.getTime() - TRENDING_WINDOW_HOURS[range] * 3_600_000;
  const byTag = new Map<string, { count: number; last: number }>();
  for (const use of uses) {
    const t = use.at.getTime();
    if (t < since || t > now.getTime()) continue;
    const seen = byTag.get(use.tag);
    if (seen) {
      seen.count++;
      seen.last = Math.max(seen.last, t);
    } else byTag.set(use.tag, { count: 1, last: t });
  }
  return [...byTag.entries()]
    .map(([tag, s]) => ({ tag, count: s.count, lastUsedAt: new Date(s.last) }))
    .sort((a, b) => b.count - a.count || b.lastUsedAt.getTime() - a.lastUsedAt.getTime() || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .slice(0, Math.max(0, limit));
};
