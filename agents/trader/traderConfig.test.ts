import { describe, expect, it } from "vitest";
import { FloorConfig } from "../../protocols/index.ts";
import { fairValue } from "./strategies/fairValue.ts";
import { updatableKeys } from "./core/index.ts";
import { STRATEGIES } from "./strategies/index.ts";
import { momentum } from "./strategies/momentum.ts";
import { strategyOf, TraderConfig } from "./traderConfig.ts";
import { traderKind } from "./traderKind.ts";
import { tradingWindow } from "./tradingWindow.ts";

const trader = (strategy: string, params: Record<string, unknown> = {}) => TraderConfig.parse({ id: "t1", kind: "trader", strategy, params });

describe("TraderConfig", () => {
  it("accepts every registered strategy and fills in its defaults", () => {
    expect(STRATEGIES.length).toBeGreaterThan(0);
    for (const def of STRATEGIES) {
      const cfg = TraderConfig.parse({ id: "t1", kind: "trader", strategy: def.name });
      expect(cfg).toEqual({ id: "t1", kind: "trader", enabled: true, strategy: def.name, params: def.params.parse({}) });
      expect(Object.keys(cfg.params).length).toBeGreaterThan(0);
      expect(strategyOf(def.name)).toBe(def);
    }
    expect(trader("momentum").params).toMatchObject({ lookbackSec: 120, minEdge: 0.04 });
    expect(trader("fairValue").params).toMatchObject({ lookbackSec: 300, minEdge: 0.1 });
  });

  it("refuses an unknown strategy, naming the ones there are", () => {
    const r = TraderConfig.safeParse({ id: "t1", kind: "trader", strategy: "astrology" });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(["strategy"]);
    for (const def of STRATEGIES) expect(issue.message).toContain(def.name);
    expect(() => strategyOf("astrology")).toThrow(/unknown strategy "astrology"/);
  });

  it("checks each strategy's own parameters (bounds, unknown keys, min below max)", () => {
    expect(TraderConfig.safeParse({ id: "t1", kind: "trader", strategy: "momentum", params: { minEdge: 0.9 } }).error?.issues[0]?.path).toEqual(["params", "minEdge"]);
    expect(TraderConfig.safeParse({ id: "t1", kind: "trader", strategy: "fairValue", params: { driftWeight: 1 } }).success).toBe(false); // momentum's, not fairValue's
    expect(TraderConfig.safeParse({ id: "t1", kind: "trader", strategy: "momentum", params: { minPrice: 0.8, maxPrice: 0.7 } }).success).toBe(false);
    expect(TraderConfig.safeParse({ id: "t1", kind: "trader", strategy: "momentum", colour: "red" }).success).toBe(false);
  });
});

describe("updatableKeys", () => {
  it("lists exactly the fields marked updatable", () => {
    expect(updatableKeys(momentum.params)).toEqual(new Set(["driftWeight", "minEdge", "kellyFraction", "entryAfterSec", "exitBeforeSec", "maxPrice", "minPrice"]));
    expect(updatableKeys(fairValue.params)).toEqual(new Set(["minEdge", "kellyFraction", "entryAfterSec", "exitBeforeSec", "maxPrice", "minPrice"]));
    for (const def of STRATEGIES) {
      const keys = updatableKeys(def.params);
      expect(keys.has("minEdge")).toBe(true);
      expect(keys.has("lookbackSec")).toBe(false);
    }
  });
});

describe("traderKind.file.updatable", () => {
  const file = traderKind.file!;
  const base = trader("momentum");

  it("is true when only updatable parameters changed", () => {
    expect(file.updatable(base, trader("momentum", { minEdge: 0.08 }))).toBe(true);
    expect(file.updatable(base, trader("momentum", { minEdge: 0.08, kellyFraction: 0.5, driftWeight: 2 }))).toBe(true);
  });

  it("is false for lookbackSec, the strategy, the id or enabled", () => {
    expect(file.updatable(base, trader("momentum", { lookbackSec: 300 }))).toBe(false);
    expect(file.updatable(base, trader("momentum", { lookbackSec: 300, minEdge: 0.08 }))).toBe(false);
    expect(file.updatable(base, trader("fairValue"))).toBe(false);
    expect(file.updatable(base, { ...base, id: "t2" })).toBe(false);
    expect(file.updatable(base, { ...base, enabled: false })).toBe(false);
  });
});

describe("tradingWindow", () => {
  const floor = FloorConfig.parse({});
  const longestSec = 60 * Math.max(floor.live.marketMinutes, ...floor.sim.series.map((s) => s.marketMinutes));

  it("passes a trader that leaves some of the window to trade in", () => {
    expect(tradingWindow(trader("momentum", { entryAfterSec: longestSec - 2, exitBeforeSec: 1 }), floor)).toBeUndefined();
  });

  it("refuses one whose entry delay and exit margin cover the longest window", () => {
    for (const [entryAfterSec, exitBeforeSec] of [[longestSec - 1, 1], [longestSec, 0], [600, longestSec]]) {
      const p = tradingWindow(trader("fairValue", { entryAfterSec, exitBeforeSec }), floor);
      expect(p?.path).toEqual(["params", "entryAfterSec"]);
      expect(p?.message).toContain(`${longestSec / 60}-minute window`);
    }
  });

  it("is the trader kind's check", () => {
    expect(traderKind.file!.check?.(trader("momentum", { entryAfterSec: longestSec, exitBeforeSec: 0 }), floor)?.path).toEqual(["params", "entryAfterSec"]);
  });
});
