import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FloorConfig, RiskConfig } from "../../protocols/index.ts";
import { loadFloorConfig, parseYaml } from "../../floor/config/index.ts";
import { configErrorOf as errorOf } from "../helpers/configErrorOf.ts";

const DEFAULTS = RiskConfig.parse({});

describe("risk settings: config/floor.yaml and the schema", () => {
  it("the embedded-defaults file sets every risk key to its default, each with a comment, and passes check-config", () => {
    const text = readFileSync("config/floor.yaml", "utf8");
    const risk = (parse(text) as { risk: Record<string, unknown> }).risk;
    expect(risk).toEqual(DEFAULTS);
    for (const key of Object.keys(DEFAULTS)) expect(text).toMatch(new RegExp(`^  ${key}: \\S+ +# \\S`, "m"));
    expect(loadFloorConfig("config/floor.yaml").floor.risk).toEqual(DEFAULTS);
  });

  it("holds DESIGN's defaults", () => {
    expect(DEFAULTS).toMatchObject({ perTradeMaxPct: 0.02, perAgentMaxPct: 0.1, floorMaxOpenPct: 0.4, dailyLossPct: 0.1, drawdownPct: 0.15, lossStreak: 5, errorRatePct: 0.1, maxDataAgeSec: 10, maxEdge: 0.3, spotMovePct: 0.1, spotMoveWindowMin: 15, venueTier: "standard" });
  });

  const floor = (text: string) => errorOf(() => parseYaml("floor.yaml", text, FloorConfig));
  it.each([
    ["risk:\n  dailyLossPct: 0\n", "risk.dailyLossPct"],
    ["risk:\n  drawdownPct: 1.5\n", "risk.drawdownPct"],
    ["risk:\n  lossStreak: 2.5\n", "risk.lossStreak"],
    ["risk:\n  errorWindowSec: 5\n", "risk.errorWindowSec"],
    ["risk:\n  venueTier: mithril\n", "risk.venueTier"],
    ["risk:\n  maxEdge: -0.1\n", "risk.maxEdge"],
    ["risk:\n  spotMoveWindowMin: 0\n", "risk.spotMoveWindowMin"],
  ])("refuses a value out of bounds with file, line and field: %j", (text, field) => {
    const e = floor(text);
    expect([e.line, e.field]).toEqual([2, field]);
  });

  it("refuses caps out of order: a trade larger than a market's cap, a market's larger than its underlying's", () => {
    expect(floor("risk:\n  perTradeMaxPct: 0.25\n")).toMatchObject({ field: "risk.perTradeMaxPct", reason: expect.stringMatching(/perTradeMaxPct 0\.25 is above perAgentMaxPct 0\.1/) });
    expect(floor("risk:\n  perMarketMaxPct: 0.35\n")).toMatchObject({ field: "risk.perMarketMaxPct", reason: expect.stringMatching(/above perUnderlyingMaxPct 0\.3/) });
  });
});
