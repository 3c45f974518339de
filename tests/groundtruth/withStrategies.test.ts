import { describe, expect, it } from "vitest";
import { STRATEGIES } from "../../agents/trader/index.ts";
import { defineStrategy } from "../../agents/trader/core/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { fileKinds } from "../../floor/host/index.ts";
import { configErrorOf } from "../helpers/configErrorOf.ts";
import { withStrategies } from "../helpers/withStrategies.ts";
import { coinFlip, oracle, SELECTION_CONFIG } from "./index.ts";

describe("withStrategies: test-only strategies, registered for a test and gone after", () => {
  const ground = () => [oracle(() => undefined), coinFlip];

  it("lets the selection config name the ground truth only while they are registered", () => {
    const refused = configErrorOf(() => loadFloorConfig(SELECTION_CONFIG));
    expect(refused.file).toMatch(/selection\/agents\/coin-flip-1\.yaml$/);
    expect(refused.field).toBe("strategy");
    const restore = withStrategies(ground());
    try {
      const config = loadFloorConfig(SELECTION_CONFIG);
      const byId = new Map(config.agents.map((a) => [a.id, a as unknown as { strategy: string; params: Record<string, unknown> }]));
      expect(byId.get("oracle-1")).toMatchObject({ strategy: "oracle", params: { accuracy: 0.7, leadSec: 240 } });
      expect(byId.get("coin-flip-1")).toMatchObject({ strategy: "coinFlip", params: { entries: 4 } });
      // The floor's own strategies still load beside them, and the kind makes agents of either.
      expect(byId.get("momentum-1")?.strategy).toBe("momentum");
      const trader = fileKinds().get("trader")!;
      expect(trader.spec(config.agents.find((a) => a.id === "oracle-1")!).id).toBe("oracle-1");
    } finally {
      restore();
    }
    expect(configErrorOf(() => loadFloorConfig(SELECTION_CONFIG)).field).toBe("strategy");
    expect(STRATEGIES.map((s) => s.name)).not.toContain("oracle");
  });

  it("refuses a name the floor's table (or the same call) already has, and changes nothing then", () => {
    const again = defineStrategy({ name: "momentum", params: coinFlip.params, create: coinFlip.create });
    expect(() => withStrategies([again])).toThrow(/"momentum" is already registered/);
    expect(() => withStrategies([coinFlip, coinFlip])).toThrow(/"coinFlip" is already registered/);
    expect(configErrorOf(() => loadFloorConfig(SELECTION_CONFIG)).field).toBe("strategy");
  });
});
