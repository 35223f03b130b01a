/**
 * `tsx scripts/bench/profileTop.ts <file.cpuprofile> [n] [fromS toS]`: the top frames of a V8 CPU profile by self time
 * and by inclusive time (frames grouped by function and file), optionally only the samples between fromS and
 * toS seconds into the profile (one scenario of a bench run), for reading a service profile without tools.
 */
import { readFileSync } from "node:fs";

interface Node {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
const [file, count, from, to] = process.argv.slice(2);
const window = [Number(from ?? 0) * 1e6, to === undefined ? Number.POSITIVE_INFINITY : Number(to) * 1e6] as const;
if (!file) throw new Error("usage: profileTop.ts <file.cpuprofile> [n]");
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const n = Number(count ?? 40);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const label = (node: Node) =>
  `${node.callFrame.functionName || "(anon)"} ${node.callFrame.url.replace(/^.*\/(node_modules|dist)\//, "$1/")}:${node.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
let at = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  at += dt;
  if (at < window[0] || at > window[1]) return;
  all += dt;
  const leaf = byId.get(id);
  if (!leaf) return;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
    const node = byId.get(up);
    if (!node) break;
    const l = label(node);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
});
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms)`);
  for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((100 * t) / all).toFixed(1).padStart(5)}%  ${l}`);
};
show("self", self);
show("inclusive", total);
