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
    expect(titles).toEqual(
      expect.arrayContaining([
        "Requests per second by procedure",
        "Replica lag",
        "WAL archiving failing",
        "Age of the newest Redis snapshot and media sync",
        "Redis and media backups: runs, failures, size",
      ]),
    );
    expect(new Set(dashboard.panels.map((p) => (p as { id?: number }).id)).size).toBe(dashboard.panels.length);
  });
  it("every loud backup failure has an alert on a metric that exists", () => {
    const text = readFileSync("ops/prometheus-alerts.yml", "utf8");
    const alerts = [...text.matchAll(/- alert: (\w+)\n\s+expr: ([^\n]+(?:\n\s{12,}[^\n]+)*)/g)].map((m) => ({
      name: m[1],
      expr: m[2] ?? "",
    }));
    const on = (metric: string) => alerts.filter((a) => a.expr.includes(metric)).map((a) => a.name);
    for (const metric of [
      "dongne_wal_archive_failing",
      "dongne_wal_archive_last_success_timestamp_seconds",
      "dongne_backup_runs_total",
      "dongne_backup_last_success_timestamp_seconds",
      "dongne_backup_drill_failing",
      "dongne_backup_last_failure_timestamp_seconds",
      "dongne_store_backup_runs_total",
      "dongne_store_backup_last_success_timestamp_seconds",
    ]) {
      expect(known.has(metric), metric).toBe(true);
      expect(on(metric), metric).not.toEqual([]);
    }
    expect(on('dongne_store_backup_last_success_timestamp_seconds{store="redis"}')).toEqual(["DongneRedisSnapshotTooOld"]);
    expect(on('dongne_store_backup_last_success_timestamp_seconds{store="media"}')).toEqual(["DongneMediaBackupTooOld"]);
  });
});
