import { afterEach, describe, expect, it, vi } from "vitest";
import { Wakeup, type WakeEnd } from "./Wakeup.ts";

afterEach(() => vi.useRealTimers());

/** The wait's end so far (undefined while it waits). */
function watch(p: Promise<WakeEnd>): () => WakeEnd | undefined {
  let end: WakeEnd | undefined;
  void p.then((e) => (end = e));
  return () => end;
}

describe("Wakeup", () => {
  it("ends woken only once its condition holds, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    const w = new Wakeup();
    let ready = false;
    const end = watch(w.wait({ until: () => ready, ms: 1000 }));
    w.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(end()).toBeUndefined();
    ready = true;
    w.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(end()).toBe("woken");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends at the timer, and a later wake reaches no one", async () => {
    vi.useFakeTimers();
    const w = new Wakeup();
    const end = watch(w.wait({ until: () => false, ms: 500 }));
    await vi.advanceTimersByTimeAsync(499);
    expect(end()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(end()).toBe("timeout");
    const next = watch(w.wait({ ms: 500 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(next()).toBeUndefined(); // the first wait's wake was cleared, not left to end the second
    w.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(next()).toBe("woken");
  });

  it("ends on abort, and without a timer or condition waits only for wake or abort", async () => {
    vi.useFakeTimers();
    const w = new Wakeup();
    const ac = new AbortController();
    const end = watch(w.wait({ signal: ac.signal }));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(end()).toBeUndefined();
    ac.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(end()).toBe("aborted");
  });

  it("takes its listener off the signal when woken", async () => {
    const w = new Wakeup();
    const ac = new AbortController();
    const off = vi.spyOn(ac.signal, "removeEventListener");
    const end = watch(w.wait({ signal: ac.signal, ms: 1000 }));
    w.wake();
    await Promise.resolve();
    expect(end()).toBe("woken");
    expect(off).toHaveBeenCalledWith("abort", expect.any(Function));
  });
});
