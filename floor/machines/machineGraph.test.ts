import { describe, expect, it } from "vitest";
import { createMachine } from "xstate";
import { machineGraph, type GraphState } from "./machineGraph.ts";
import { sampleMachine } from "./sampleMachine.ts";

const flat = (s: GraphState): GraphState[] => [s, ...s.children.flatMap(flat)];

describe("machineGraph", () => {
  it("nests every state under its parent, with its kind, regions, history and initial child", () => {
    const g = machineGraph(sampleMachine);
    expect(g.id).toBe("sample");
    const states = Object.fromEntries(flat(g.root).map((s) => [s.path, s]));
    expect(Object.keys(states)).toEqual(["", "idle", "running", "running.warming", "running.live", "running.live.feed", "running.live.feed.fresh", "running.live.feed.stale", "running.live.book", "running.live.book.quoting", "running.live.book.hist", "paused", "done"]);
    expect(states[""]!.initial).toBe("idle");
    expect(states["running"]!.initial).toBe("running.warming");
    expect(states["running.live"]!.kind).toBe("parallel");
    expect(states["running.live"]!.initial).toBeUndefined();
    expect(flat(g.root).filter((s) => s.region).map((s) => s.key)).toEqual(["feed", "book"]);
    expect(states["running.live.book.hist"]).toMatchObject({ kind: "history", history: "deep" });
    expect(states["done"]!.kind).toBe("final");
  });
  it("lists each transition once per target, in declaration order, eventless and delayed ones included", () => {
    const g = machineGraph(sampleMachine);
    expect(g.edges.map((e) => `${e.id} ${e.from} -${e.label}-> ${e.to}`)).toEqual([
      "e0  -STOP-> done",
      "e1  -PING-> ",
      "e2 idle -START [ready]-> running",
      "e3 running -PAUSE-> paused",
      "e4 running.warming -after 1.5s-> running.live",
      "e5 running.live.feed.fresh -LAG-> running.live.feed.stale",
      "e6 running.live.feed.stale -always [caughtUp]-> running.live.feed.fresh",
      "e7 running.live.book.quoting -FILL-> running.live.book.quoting",
      "e8 paused -RESUME-> running.live.book.hist",
    ]);
    expect(g.edges[6]).toMatchObject({ event: "always", kind: "always", guard: "caughtUp" });
  });
  it("draws a transition to several targets (into parallel regions) as one edge per target", () => {
    const m = createMachine({ id: "m", initial: "a", states: { a: { on: { GO: { target: ["#m.p.x.x2", "#m.p.y.y2"] } } }, p: { type: "parallel", states: { x: { initial: "x1", states: { x1: {}, x2: {} } }, y: { initial: "y1", states: { y1: {}, y2: {} } } } } } });
    expect(machineGraph(m).edges.map((e) => `${e.from}->${e.to}`)).toEqual(["a->p.x.x2", "a->p.y.y2"]);
  });
});
