/** Marks the query's words in a text: the title whole, content as up to three ~150-character fragments. */
const mark = (text: string, needles: readonly string[]) => {
  if (needles.length === 0) return text;
  const escaped = [...needles].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
  return text.replace(new RegExp(`(${escaped.join("|")})`, "giu"), "<mark>$1</mark>");
};

export const highlightTitle = (title: string, needles: readonly string[]): string => mark(title, needles);

export const highlightFragments = (content: string, needles: readonly string[], size = 150, max = 3): string[] => {
  const lower = content.toLowerCase();
  const positions = needles.flatMap((n) => {
    const out: number[] = [];
    for (let i = lower.indexOf(n.toLowerCase()); i >= 0 && out.length < max; i = lower.indexOf(n.toLowerCase(), i + 1)) out.push(i);
    return out;
  });
  if (positions.length === 0) return [];
  const fragments: string[] = [];
  let coveredUntil = -1;
  for (const p of [...new Set(positions)].sort((a, b) => a - b)) {
    if (p < coveredUntil || fragments.length >= max) continue;
    const start = Math.max(0, p - Math.floor(size / 3));
    const end = Math.min(content.length, start + size);
    fragments.push(`${start > 0 ? "…" : ""}${mark(content.slice(start, end), needles)}${end < content.length ? "…" : ""}`);
    coveredUntil = end;
  }
  return fragments;
};
