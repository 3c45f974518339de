import { describe, expect, it } from "vitest";
import { EventRing } from "./EventRing.ts";

describe("EventRing", () => {
  it("numbers events from 1 and serves those after a number", () => {
    const r = new EventRing(100);
    for (let i = 0; i < 5; i++) r.push((seq) => `{"seq":${seq}}`);
    expect(r.last).toBe(5);
    expect(r.since(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(r.since(0, 2).map((e) => e.line)).toEqual(['{"seq":1}', '{"seq":2}']);
    expect(r.since(5)).toEqual([]);
  });

  it("keeps at most its capacity, dropping the oldest a tenth at a time", () => {
    const r = new EventRing(10);
    for (let i = 0; i < 11; i++) r.push((seq) => String(seq));
    // The 11th push dropped 1 (a tenth of 10): 2..11 remain.
    expect(r.oldest).toBe(2);
    expect(r.since(0).map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (let i = 0; i < 100; i++) r.push((seq) => String(seq));
    expect(r.last).toBe(111);
    expect(r.since(0).length).toBeLessThanOrEqual(10);
    expect(r.since(0).at(-1)!.line).toBe("111");
  });
});
