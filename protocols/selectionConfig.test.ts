import { describe, expect, it } from "vitest";
import { FloorConfig } from "./config.ts";
import { SelectionConfig } from "./selectionConfig.ts";

describe("SelectionConfig", () => {
  it("is an optional block of the floor's config, filled with its defaults", () => {
    const s = FloorConfig.parse({}).selection;
    expect(s).toEqual(SelectionConfig.parse({}));
    expect(s).toMatchObject({ minTrades: 100, alpha: 0.05, psrKill: 0.05, dsrClone: 0.95, maxDrawdown: 0.5, decayBaselineTrades: 500, decayBatch: 50, decayK: 0.75, decayH: 5, probationPct: 0.02, shrinkTrades: 500 });
  });

  it("refuses a value out of its bounds, an unknown key, and a baseline shorter than two batches", () => {
    for (const bad of [{ alpha: 0 }, { psrKill: 0.5 }, { dsrClone: 1 }, { minTrades: 1 }, { maxDrawdown: 1.2 }, { decayBatch: 2.5 }, { bogus: 1 }]) {
      expect(SelectionConfig.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const short = SelectionConfig.safeParse({ decayBatch: 300 });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(["decayBaselineTrades"]);
  });
});
