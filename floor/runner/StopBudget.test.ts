import { afterEach, describe, expect, it, vi } from "vitest";
import { StopBudget } from "./StopBudget.ts";

afterEach(() => vi.useRealTimers());

const never = () => new Promise<void>(() => undefined);

describe("StopBudget", () => {
  it("waits as long as it takes before the stop began, and gives up deadline - reserve after it", async () => {
    vi.useFakeTimers();
    const b = new StopBudget(4500, 1000);
    let settled: boolean | undefined;
    void b.bounded(never()).then((ok) => (settled = ok));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBeUndefined(); // no stop yet: unbounded
    b.begin();
    await vi.advanceTimersByTimeAsync(3499);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(false);
    // Out of time, a later wait gives up at once, even on a promise already settled: the stop has no time left to wait on anything.
    await expect(b.bounded(Promise.resolve())).resolves.toBe(false);
  });

  it("says true for what settles in time, and passes a rejection on", async () => {
    const b = new StopBudget(4500, 1000);
    b.begin();
    await expect(b.bounded(Promise.resolve())).resolves.toBe(true);
    await expect(b.bounded(Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    b.dispose();
  });

  it("names the stages still under way, with their live label, and forgets the ended ones", () => {
    const b = new StopBudget();
    let n = 3;
    const first = b.stage("stopping agent exchange");
    const second = b.stage(() => `draining the bus (${n} unacknowledged)`);
    n = 2;
    expect(b.pending()).toEqual([expect.stringMatching(/^stopping agent exchange \(for \d\.\d s\)$/), expect.stringMatching(/^draining the bus \(2 unacknowledged\) \(for \d\.\d s\)$/)]);
    first();
    second();
    expect(b.pending()).toEqual([]);
  });

  it("counts a stage that began before the stop from the stop's beginning", async () => {
    vi.useFakeTimers();
    const b = new StopBudget();
    b.stage("the floor's step");
    await vi.advanceTimersByTimeAsync(60_000);
    b.begin();
    await vi.advanceTimersByTimeAsync(1_200);
    expect(b.pending()).toEqual(["the floor's step (for 1.2 s)"]);
    b.dispose();
  });

  it("counts its elapsed time only from begin, once", async () => {
    vi.useFakeTimers();
    const b = new StopBudget();
    expect(b.elapsedMs()).toBeUndefined();
    b.begin();
    await vi.advanceTimersByTimeAsync(200);
    b.begin();
    expect(b.elapsedMs()).toBe(200);
    b.dispose();
  });
});
