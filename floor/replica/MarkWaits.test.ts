import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../log/createLogger.ts";
import { MARK_WAIT_MS, MarkWaits, SLOW_WAIT_MS } from "./MarkWaits.ts";

function waits(through: Map<string, number>) {
  const fetched: string[] = [];
  const warned: unknown[] = [];
  const stats = { waited: 0, unmet: 0 };
  const log = Object.assign(createLogger({ level: "silent" }), { warn: (o: unknown) => void warned.push(o) });
  return { w: new MarkWaits({ role: "boss", log, through, fetch: (s) => void fetched.push(s), stats }), fetched, stats, warned };
}

describe("MarkWaits", () => {
  afterEach(() => void vi.useRealTimers());

  it("lets a message through at once when the file has what its mark names, its own role's position aside", () => {
    const { w, stats } = waits(new Map([["exchange", 5]]));
    expect(w.wait(undefined)).toBeUndefined();
    expect(w.wait("")).toBeUndefined();
    expect(w.wait("exchange=5")).toBeUndefined();
    expect(w.wait("boss=99,exchange=4")).toBeUndefined();
    expect(stats.waited).toBe(0);
  });

  it("holds a message until the rows are applied, fetching them meanwhile", async () => {
    vi.useFakeTimers();
    const through = new Map([["exchange", 1]]);
    const { w, fetched, stats } = waits(through);
    let done = false;
    void w.wait("exchange=3,monitor=2")!.then(() => (done = true));
    vi.advanceTimersByTime(600);
    expect(fetched).toEqual(["exchange", "monitor", "exchange", "monitor"]);
    through.set("exchange", 3);
    w.applied();
    await Promise.resolve();
    expect(done).toBe(false); // the monitor's rows are still missing
    through.set("monitor", 2);
    w.applied();
    await Promise.resolve();
    expect(done).toBe(true);
    expect(stats).toEqual({ waited: 1, unmet: 0 });
  });

  it("logs a wait that lasted SLOW_WAIT_MS or more once the rows came, not a short one", async () => {
    vi.useFakeTimers();
    const through = new Map([["exchange", 1]]);
    const { w, warned } = waits(through);
    void w.wait("exchange=2");
    vi.advanceTimersByTime(500);
    through.set("exchange", 2);
    w.applied();
    void w.wait("exchange=3");
    vi.advanceTimersByTime(SLOW_WAIT_MS);
    through.set("exchange", 3);
    w.applied();
    expect(warned).toEqual([{ after: "exchange=3", waitedMs: SLOW_WAIT_MS, have: { exchange: 3 } }]);
  });

  it("hands the message on after MARK_WAIT_MS without the rows, counted; and at a stop", async () => {
    vi.useFakeTimers();
    const { w, stats } = waits(new Map());
    let late = false;
    void w.wait("exchange=1")!.then(() => (late = true));
    vi.advanceTimersByTime(MARK_WAIT_MS + 250);
    await Promise.resolve();
    expect(late).toBe(true);
    expect(stats.unmet).toBe(1);
    let stopped = false;
    void w.wait("exchange=2")!.then(() => (stopped = true));
    w.stop();
    await Promise.resolve();
    expect(stopped).toBe(true);
  });
});
