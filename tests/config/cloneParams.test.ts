import { describe, expect, it } from "vitest";
import { STRATEGIES } from "../../agents/trader/strategies/index.ts";
import { numericBounds, perturbParams } from "../../floor/params/index.ts";
import { createRng } from "../../floor/random/createRng.ts";

describe("a clone's parameters, for every strategy kind", () => {
  it.each(STRATEGIES.map((s) => [s.name, s] as const))("%s: every clone parses and differs from its parent in at least one field", (name, s) => {
    const schema = s.params;
    const parent = schema.parse({}) as Record<string, unknown>;
    const bounds = numericBounds(schema);
    expect(bounds.length).toBeGreaterThan(0);
    const rng = createRng(`clone-${name}`);
    for (let i = 0; i < 40; i++) {
      const clone = perturbParams(schema, parent, rng, 0.1);
      expect(clone.fellBack, clone.note).toBe(false);
      expect(schema.parse(clone.params)).toEqual(clone.params);
      expect(clone.changed.length).toBeGreaterThan(0);
      expect(clone.changed.some((k) => clone.params[k] !== parent[k])).toBe(true);
      for (const b of bounds) {
        const v = clone.params[b.key] as number;
        expect(v >= b.lo && v <= b.hi, `${b.key} ${v} in [${b.lo}, ${b.hi}]`).toBe(true);
        if (b.int) expect(Number.isInteger(v)).toBe(true);
      }
    }
  });
});

describe("the trader kind's variant", () => {
  it("keeps the parent's id, strategy and entry fields, and moves its strategy parameters inside their bounds", async () => {
    const { traderKind } = await import("../../agents/trader/traderKind.ts");
    const { TraderConfig } = await import("../../agents/trader/traderConfig.ts");
    const parent = TraderConfig.parse({ id: "fair-value-1", kind: "trader", strategy: "fairValue", params: {} });
    const v = traderKind.file!.variant!(parent, createRng("variant"), 0.1);
    expect(v.config).toMatchObject({ id: "fair-value-1", kind: "trader", strategy: "fairValue", enabled: true });
    expect(v.changed.length).toBeGreaterThan(0);
    expect(TraderConfig.parse(v.config)).toEqual(v.config);
  });
});
