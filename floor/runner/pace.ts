import { setImmediate as yieldToLoop } from "node:timers/promises";

/**
 * Keeps floor time at `speed` × wall time. At "max" it never sleeps but yields to the event
 * loop every 200 steps, so signals, sockets and the dashboard are still served.
 */
export function pace(speed: number | "max", floorStart: number): (nextFloorTime: number, signal?: AbortSignal) => Promise<void> {
  const wallStart = Date.now();
  let n = 0;
  return async (next, signal) => {
    if (speed === "max") {
      if (++n % 200 === 0) await yieldToLoop();
      return;
    }
    const due = wallStart + (next - floorStart) / speed;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait, signal);
    else if (++n % 200 === 0) await yieldToLoop();
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
