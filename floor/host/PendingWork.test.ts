import { describe, expect, it } from "vitest";
import { PendingWork } from "./PendingWork.ts";

const never = () => new Promise<void>(() => undefined);
const wallMs = async (p: Promise<void> | undefined) => {
  const t = performance.now();
  await p;
  return performance.now() - t;
};

describe("PendingWork", () => {
  it("lets the bus wait for a handler that settles, and forgets it once settled", async () => {
    const w = new PendingWork(5_000);
    let resolve!: () => void;
    const bus = w.track(new Promise<void>((r) => (resolve = r)), 1_000, () => undefined);
    expect(w.stuckFor(4_000)).toBe(3_000);
    setTimeout(resolve, 5);
    expect(await wallMs(bus)).toBeLessThan(1_000);
    expect(w.pending).toBe(0);
    expect(w.stuckFor(9_000)).toBe(0);
  });

  it("hands a rejection to `failed`", async () => {
    const w = new PendingWork(5_000);
    const seen: unknown[] = [];
    await w.track(Promise.reject(new Error("late boom")), 0, (e) => void seen.push(e));
    expect(String(seen[0])).toBe("Error: late boom");
    expect(w.pending).toBe(0);
  });

  it("stops the bus waiting on a hung handler after waitMs of wall time, and on later ones at once, while it stays stuck", async () => {
    const w = new PendingWork(30);
    expect(await wallMs(w.track(never(), 0, () => undefined))).toBeGreaterThanOrEqual(25);
    expect(w.track(never(), 1_000, () => undefined)).toBeUndefined();
    expect(w.pending).toBe(2);
    expect(w.stuckFor(12_000)).toBe(12_000); // the oldest counts
  });

  it("releases every wait when abandoned", async () => {
    const w = new PendingWork(60_000);
    const bus = w.track(never(), 0, () => undefined);
    w.abandon();
    expect(await wallMs(bus)).toBeLessThan(1_000);
    expect(w.pending).toBe(0);
    expect(w.stuckFor(50_000)).toBe(0);
  });
});
