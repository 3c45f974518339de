import { describe, expect, it } from "vitest";
import { createMachine } from "xstate";
import { exportedMachines } from "./agentMachines.ts";

const AGENT_MACHINES = exportedMachines();
import { machineConfig } from "./machineConfig.ts";
import { toMermaid } from "./toMermaid.ts";

describe("machine export", () => {
  it("renders the trader's life as a config with its states, events, targets and guards", () => {
    const c = machineConfig(AGENT_MACHINES.trader!);
    expect(c.id).toBe("trader");
    expect(c.initial).toBe("warmingUp");
    expect(Object.keys(c.states!)).toEqual(["warmingUp", "trading", "reducing", "paused", "halted", "retired"]);
    expect(c.on!.HALT).toEqual([{ target: "halted" }]);
    expect(c.states!.warmingUp!.always).toEqual([{ target: "trading", guard: "ready" }]);
    expect(c.states!.trading!.on!.PAUSE).toEqual([{ target: "paused" }]);
    expect(c.states!.retired!.type).toBe("final");
    expect(c.on!.RETIRE).toEqual([{ target: "retired" }]);
  });
  it("produces a config XState itself accepts, with the same states", () => {
    for (const m of Object.values(AGENT_MACHINES)) {
      const c = machineConfig(m);
      const rebuilt = createMachine(JSON.parse(JSON.stringify({ ...c, on: undefined, states: strip(c.states) })) as never);
      expect(Object.keys(rebuilt.root.states)).toEqual(Object.keys(m.root.states));
    }
  });
  it("draws a Mermaid diagram with every transition", () => {
    const text = toMermaid(machineConfig(AGENT_MACHINES.boss!));
    expect(text).toContain("stateDiagram-v2");
    // The boss's states are the floor's trading state, following its risk book.
    expect(text).toContain("[*] --> active");
    expect(text).toContain("active --> halted: always [floorHalted]");
    expect(text).toContain("reducing --> active: always [floorActive]");
  });
});

/** Guards and actions are names only here, so drop them before handing the config back to XState. */
function strip(states: Record<string, import("./machineConfig.ts").StateConfig> | undefined): unknown {
  if (!states) return undefined;
  return Object.fromEntries(
    Object.entries(states).map(([k, s]) => [k, { type: s.type, initial: s.initial, states: strip(s.states), on: s.on && Object.fromEntries(Object.entries(s.on).map(([e, ts]) => [e, ts.map((t) => ({ target: t.target }))])) }]),
  );
}
