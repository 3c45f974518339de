import { describe, expect, it } from "vitest";
import { createActor, createMachine, type InspectionEvent } from "xstate";
import { watchTransitions, type AgentTransition } from "./watchTransitions.ts";

const child = createMachine({ initial: "x", states: { x: { on: { FLIP: "y" } }, y: {} } });
const machine = createMachine({
  initial: "idle",
  invoke: { id: "kid", src: child },
  states: { idle: { on: { GO: "run.fast", NUDGE: {} } }, run: { initial: "slow", states: { slow: {}, fast: { on: { STOP: "#m.idle" } } } } },
  id: "m",
});

describe("watchTransitions", () => {
  it("reports the root actor's state changes with their events, not its child's, nor an event that changes nothing", () => {
    const seen: AgentTransition[] = [];
    const also: string[] = [];
    let now = 100;
    const actor = createActor(machine, { inspect: watchTransitions("a1", () => now, (t) => seen.push(t), (e: InspectionEvent) => void also.push(e.type)) }).start();
    actor.send({ type: "NUDGE" });
    now = 200;
    actor.send({ type: "GO" });
    actor.getSnapshot().children.kid!.send({ type: "FLIP" });
    now = 300;
    actor.send({ type: "STOP" });
    expect(seen).toEqual([
      { agentId: "a1", ts: 200, event: "GO", from: "idle", to: "run.fast" },
      { agentId: "a1", ts: 300, event: "STOP", from: "run.fast", to: "idle" },
    ]);
    // The observer it was given (the inspector's) still hears everything.
    expect(also).toContain("@xstate.actor");
    actor.stop();
  });
});
