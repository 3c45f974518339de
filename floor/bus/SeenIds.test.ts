import { describe, expect, it } from "vitest";
import { SeenIds } from "./SeenIds.ts";

describe("SeenIds", () => {
  it("remembers ids up to its cap, forgetting the oldest first", () => {
    const s = new SeenIds(3);
    for (const id of ["a", "b", "c"]) s.add(id);
    s.add("b"); // already there: no eviction, no reordering
    expect(["a", "b", "c"].map((id) => s.has(id))).toEqual([true, true, true]);
    s.add("d");
    expect(["a", "b", "c", "d"].map((id) => s.has(id))).toEqual([false, true, true, true]);
  });
});
