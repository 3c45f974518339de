import { describe, expect, it } from "vitest";
import { sortRows } from "./sortRows.js";

const rows = [
  { id: "b", kind: "trader", capital: 10, metrics: { skill: 0.02 } },
  { id: "a", kind: "boss", capital: 0, metrics: null },
  { id: "c", kind: "trader", capital: 5, metrics: { skill: -0.01 } },
];

describe("sortRows", () => {
  it("sorts by a column either way, ties by id", () => {
    expect(sortRows(rows, "kind", 1).map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(sortRows(rows, "kind", -1).map((r) => r.id)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, "capital", -1).map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
  it("puts an agent without the figure last in either direction", () => {
    expect(sortRows(rows, "skill", 1).map((r) => r.id)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "skill", -1).map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
});
