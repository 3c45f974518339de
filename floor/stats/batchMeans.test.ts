import { describe, expect, it } from "vitest";
import { batchMeans } from "./batchMeans.ts";

describe("batchMeans", () => {
  it("averages consecutive batches and leaves out an incomplete last one", () => {
    expect(batchMeans([1, 3, 2, 4, 10, 20, 7], 2)).toEqual([2, 3, 15]);
    expect(batchMeans([1, 2, 3], 3)).toEqual([2]);
    expect(batchMeans([1, 2], 3)).toEqual([]);
    expect(batchMeans([5, 6], 1)).toEqual([5, 6]);
  });

  it("refuses a batch size that is not a positive integer", () => {
    for (const size of [0, -2, 1.5]) expect(() => batchMeans([1, 2], size)).toThrow(RangeError);
  });
});
