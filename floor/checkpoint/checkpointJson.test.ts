import { describe, expect, it } from "vitest";
import { fromCheckpointJson, toCheckpointJson } from "./checkpointJson.ts";

describe("checkpoint JSON", () => {
  it("brings back non-finite numbers, Maps in order, Sets and exact floats", () => {
    const state = { never: -Infinity, big: Infinity, f: 0.1 + 0.2, m: new Map([["b", { at: -Infinity }], ["a", { at: 2 }]]), s: new Set(["x", "y"]), list: [1, null] };
    const back = fromCheckpointJson(toCheckpointJson(state)) as typeof state;
    expect(back).toEqual(state);
    expect([...back.m.keys()]).toEqual(["b", "a"]);
    expect(back.f).toBe(0.1 + 0.2);
  });
});
