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

  it("tags inside arrays and Map entries too, and writes what needs no tag as plain JSON", () => {
    const state = { walks: [{ ts: 1, p: 0.5 }, { ts: 2, p: Number.NaN }], m: new Map([[1, [new Set([-Infinity])]]]), plain: { a: [1, 2, { b: "c" }] } };
    const back = fromCheckpointJson(toCheckpointJson(state)) as typeof state;
    expect(back).toEqual(state);
    expect(toCheckpointJson(state.plain)).toBe(JSON.stringify(state.plain));
    expect(toCheckpointJson([1, Infinity])).toBe('[1,{"$num":"Infinity"}]');
  });
});
