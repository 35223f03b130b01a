import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeMetrics } from "../../src/app/metrics.js";

const namesIn = (text: string) => new Set([...text.matchAll(/\bdongne_[a-z_0-9]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")));

describe("the dashboard and alert rules in ops/", () => {
  const known = new Set(
    makeMetrics()
      .registry.getMetricsAsArray()
      .map((m) => m.name),
  );
  it.each(["ops/grafana-dashboard.json", "ops/prometheus-alerts.yml"])("%s names only metrics the service exports", (file) => {
    const text = readFileSync(file, "utf8");
    const unknown = [...namesIn(text)].filter((n) => !known.has(n));
    expect(unknown).toEqual([]);
  });
  it("the dashboard is valid Grafana JSON with a panel per backup and request measure", () => {
    const dashboard = JSON.parse(readFileSync("ops/grafana-dashboard.json", "utf8")) as {
      panels: { title: string; targets?: unknown[] }[];
    };
    const titles = dashboard.panels.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(["Requests per second by procedure", "Replica lag", "WAL archiving failing"]));
  });
});
