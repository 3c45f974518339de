import { describe, expect, it } from "vitest";
import { activeOf, takenEdge } from "./statePaths.js";

// The drawing's data-state paths of a machine with a compound state and a parallel one.
const PATHS = new Set(["", "idle", "trading", "trading.entered", "trading.entered.watching", "trading.entered.quoting", "p", "p.r1", "p.r1.a", "p.r2", "p.r2.b"]);

describe("activeOf", () => {
  it("marks a flat state, and a nested one with its ancestors (as activePaths does from the value)", () => {
    expect(activeOf("idle", PATHS)).toEqual(["idle"]);
    expect(activeOf("trading.entered.watching", PATHS)).toEqual(["trading", "trading.entered", "trading.entered.watching"]);
  });
  it("places a parallel state's later regions under the parallel state (stateString writes them relative to it)", () => {
    // stateString({ p: { r1: "a", r2: "b" } }) is "p.r1.a,r2.b".
    expect(activeOf("p.r1.a,r2.b", PATHS)).toEqual(["p", "p.r1", "p.r1.a", "p.r2", "p.r2.b"]);
  });
  it("leaves out what the drawing does not have", () => {
    expect(activeOf("restarting", PATHS)).toEqual([]);
  });
});

describe("takenEdge", () => {
  const edges = [
    { id: "e0", event: "HALT", from: "", to: "idle" },
    { id: "e1", event: "GO", from: "idle", to: "trading" },
    { id: "e2", event: "GO", from: "trading.entered", to: "idle" },
    { id: "e3", event: "always", kind: "always", from: "trading.entered.watching", to: "trading.entered.quoting" },
  ];
  it("finds the edge by its event, from a state it was in, to a state it is in", () => {
    expect(takenEdge(edges, { event: "GO", from: "idle", to: "trading.entered.watching" }, PATHS)?.id).toBe("e1");
    expect(takenEdge(edges, { event: "GO", from: "trading.entered.quoting", to: "idle" }, PATHS)?.id).toBe("e2");
    expect(takenEdge(edges, { event: "HALT", from: "trading.entered.quoting", to: "idle" }, PATHS)?.id).toBe("e0");
  });
  it("falls back to an eventless edge that fits, else none", () => {
    expect(takenEdge(edges, { event: "TICK", from: "trading.entered.watching", to: "trading.entered.quoting" }, PATHS)?.id).toBe("e3");
    expect(takenEdge(edges, { event: "TICK", from: "idle", to: "p.r1.a,r2.b" }, PATHS)).toBeUndefined();
  });
});
