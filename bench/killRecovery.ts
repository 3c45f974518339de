import { runChaos, type DisruptionReport } from "../floor/chaos/index.ts";
import { median, sig } from "./stats.ts";

export interface KillRecovery {
  ok: boolean;
  kills: number;
  natsRestarts: number;
  /** Wall ms from each SIGKILL of a role to: its process back, the floor stepping again, an order event again (median and max). */
  killToBackMs: Spread;
  killToSteppingMs: Spread;
  killToTradingMs: Spread;
  /** The same from each SIGKILL of nats-server. */
  natsRestartToSteppingMs: Spread;
  natsRestartToTradingMs: Spread;
  wallSeconds: number;
}
interface Spread {
  median: number | null;
  max: number | null;
  n: number;
}

/**
 * A chaos run (floor/chaos) as a bench: `kills` role SIGKILLs and `natsRestarts` server restarts
 * over a split sim of `until` floor time, and how long the floor took to come back from each.
 */
export async function killRecovery(o: { kills: number; natsRestarts: number; until: string; untilMs: number; seed: number }): Promise<KillRecovery> {
  const r = await runChaos({ kills: o.kills, natsRestarts: o.natsRestarts, until: o.until, untilMs: o.untilMs, seed: o.seed, json: true, stallMs: 180_000 });
  const of = (kind: DisruptionReport["kind"], key: "backMs" | "steppedMs" | "tradingMs") => spread(r.disruptions.filter((d) => d.kind === kind).map((d) => d[key]));
  return {
    ok: r.ok,
    kills: o.kills,
    natsRestarts: o.natsRestarts,
    killToBackMs: of("kill", "backMs"),
    killToSteppingMs: of("kill", "steppedMs"),
    killToTradingMs: of("kill", "tradingMs"),
    natsRestartToSteppingMs: of("nats-restart", "steppedMs"),
    natsRestartToTradingMs: of("nats-restart", "tradingMs"),
    wallSeconds: sig(r.wallMs / 1000, 3),
  };
}

function spread(xs: ReadonlyArray<number | null>): Spread {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return { median: null, max: null, n: 0 };
  return { median: Math.round(median(v)), max: v[v.length - 1]!, n: v.length };
}
