/**
 * `tsx scripts/bench/profile.ts <file.cpuprofile> [top]`: where a V8 CPU profile (BENCH_CPU_PROF) spent its
 * samples — self time by function and by package (node_modules/<name>, our src/<layer>, node's internals).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile.ts <file.cpuprofile> [top]");
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map<number, number>();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const total = profile.samples.length;

const packageOf = (url: string) => {
  if (url === "") return "(native/idle/gc)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return `npm:${rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const src = url.indexOf("/dist/");
  if (src >= 0)
    return url
      .slice(src + 1)
      .split("/")
      .slice(0, 3)
      .join("/");
  if (url.startsWith("node:")) return url;
  return url;
};

const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, n] of hits) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  bump(functions, `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`, n);
  bump(packages, packageOf(url), n);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (self time, ${total} samples)`);
  for (const [k, n] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * n) / total).toFixed(1).padStart(5)} %  ${k}`);
};
show("by package", packages);
show("by function", functions);
