import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROM_SERIES } from "./promSeries.ts";

describe("the Prometheus series", () => {
  it("are named polyfloor_<thing>, once each, and every one is documented in docs/METRICS.md with its type", () => {
    const doc = readFileSync(new URL("../../docs/METRICS.md", import.meta.url), "utf8");
    const names = PROM_SERIES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of PROM_SERIES) {
      expect(s.name).toMatch(/^polyfloor_[a-z_]+$/);
      expect(s.type === "counter").toBe(s.name.endsWith("_total"));
      expect(doc).toContain(`| \`${s.name}\` | ${s.type} |`);
    }
  });
});
