import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Logger } from "../log/createLogger.ts";
import { STEP_MS, type MarketSource } from "../host/index.ts";
import { maxLagMs, paceStep, type PaceAnchor } from "./paceStep.ts";

/** Whether a mode's floor clock is the wall clock: it catches up after a stall instead of resuming from now. */
const FOLLOWS_WALL_CLOCK: Record<MarketSource["mode"], boolean> = { sim: false, replay: false, paper: true, live: true };

/** The runner's pacer for a source: a stall of a second or more is logged (at high speeds slow steps re-anchor every few tens of ms). */
export function pacerFor(mode: MarketSource["mode"], speed: number | "max", floorStart: number, log: Logger): ReturnType<typeof pace> {
  const onStall = (ms: number) => {
    if (ms >= 1000) log.warn({ stalledMs: Math.round(ms) }, "the floor was stalled: pacing resumes from now");
  };
  return pace(speed, floorStart, { catchUp: FOLLOWS_WALL_CLOCK[mode], stepMs: STEP_MS, onStall });
}

export interface PaceOptions {
  /** Make up for a stall by racing (the floor clock is the wall clock), instead of resuming from now. */
  catchUp: boolean;
  stepMs: number;
  /** Told the wall ms the floor was stalled, each time pacing resumes from now. */
  onStall?: (stalledMs: number) => void;
}

/**
 * Keeps floor time at `speed` × wall time (see paceStep: after a stall it resumes from now).
 * At "max" it never sleeps but yields to the event loop every 200 steps, so signals, sockets
 * and the dashboard are still served.
 */
export function pace(speed: number | "max", floorStart: number, o: PaceOptions): (nextFloorTime: number, signal?: AbortSignal) => Promise<void> {
  let anchor: PaceAnchor = { wall: Date.now(), floor: floorStart };
  let n = 0;
  return async (next, signal) => {
    if (speed === "max") {
      if (++n % 200 === 0) await yieldToLoop();
      return;
    }
    const d = paceStep(anchor, next, Date.now(), speed, maxLagMs(speed, o.stepMs), o.catchUp);
    anchor = d.anchor;
    if (d.stalledMs > 0) o.onStall?.(d.stalledMs);
    if (d.waitMs > 0) await sleep(d.waitMs, signal);
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
