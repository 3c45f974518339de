import { describe, expect, it } from "vitest";
import { LatencyQueue } from "./LatencyQueue.ts";

describe("LatencyQueue", () => {
  it("hands out requests by arrival time; equal arrival times keep send order", () => {
    const q = new LatencyQueue<{ at: number; id: string }>();
    for (const [at, id] of [[20, "a"], [10, "b"], [20, "c"], [5, "d"], [10, "e"]] as const) q.add({ at, id });
    const out: string[] = [];
    for (let x = q.nextDue(() => true); x !== undefined; x = q.nextDue(() => true)) out.push(q.shift()!.id);
    expect(out).toEqual(["d", "b", "e", "a", "c"]);
  });

  it("nextDue only offers the head once its time passes", () => {
    const q = new LatencyQueue<{ at: number }>();
    q.add({ at: 10 });
    expect(q.nextDue((at) => at < 10)).toBeUndefined();
    expect(q.nextDue((at) => at <= 10)).toEqual({ at: 10 });
    expect(q.size).toBe(1);
    q.clear();
    expect(q.size).toBe(0);
  });
});
