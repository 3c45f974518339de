import { describe, expect, it } from "vitest";
import { FloorConfig } from "../../protocols/index.ts";
import { agentFileSchema } from "./agentFileSchema.ts";

const AgentConfig = agentFileSchema();
import { configErrorOf as errorOf } from "../../tests/helpers/configErrorOf.ts";
import { parseYaml } from "./loadYaml.ts";

describe("parseYaml", () => {
  it("fills defaults for an empty floor file", () => {
    const c = parseYaml("floor.yaml", "", FloorConfig);
    expect(c.capital).toBe(10_000);
    expect(c.risk.perTradeMaxPct).toBe(0.02);
    expect(c.sim.fee).toEqual({ rate: 0.07, exponent: 1, takerOnly: true, currency: "usd", rebateRate: 0.2, takerRebateRate: 0 });
  });
  it("names file, line and field of a bad value", () => {
    const e = errorOf(() => parseYaml("f.yaml", "capital: 100\nrisk:\n  perTradeMaxPct: 3\n", FloorConfig));
    expect(e.line).toBe(3);
    expect(e.field).toBe("risk.perTradeMaxPct");
    expect(e.message).toMatch(/^f\.yaml:3: risk\.perTradeMaxPct: /);
  });
  it("names an unknown key", () => {
    const e = errorOf(() => parseYaml("a.yaml", "id: t1\nkind: trader\nstrategy: momentum\nparams:\n  lookbak: 5\n", AgentConfig));
    expect(e.field).toBe("params.lookbak");
    expect(e.line).toBe(5);
  });
  it("reports YAML syntax errors with a line", () => {
    const e = errorOf(() => parseYaml("b.yaml", "capital: 1\n  bad: [\n", FloorConfig));
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.reason).toMatch(/invalid YAML/);
  });
  it("refuses an unknown agent kind", () => {
    const e = errorOf(() => parseYaml("c.yaml", "id: x\nkind: wizard\n", AgentConfig));
    expect(e.field).toBe("kind");
    expect(e.line).toBe(2);
  });
});
