import { createRng } from "../random/createRng.ts";

/** The roles a chaos run starts, in order: recorders first, the clock's leader (feed) last. */
export const CHAOS_ROLES = ["auditor", "monitor", "exchange", "boss", "traders", "feed"] as const;
export type ChaosRole = (typeof CHAOS_ROLES)[number];

/** One planned disruption: SIGKILL a role's process, or the NATS server, once floor time reaches `atMs` past the start. */
export type PlannedDisruption = { kind: "kill"; role: ChaosRole; atMs: number } | { kind: "nats-restart"; atMs: number };

/** Jitter around each instant, as a share of the spacing between two instants (±). */
const JITTER = 0.4;

/**
 * Where the disruptions fall, from the seed alone: kill i near floor offset (i+1)/(N+1) of the run,
 * its role drawn at random, and NATS restart j near (j+1)/(M+1), each moved by up to ±40% of its
 * spacing; all in order of floor time (they are carried out one after another).
 */
export function chaosSchedule(o: { kills: number; natsRestarts: number; runMs: number; seed: number }): PlannedDisruption[] {
  const rng = createRng(`chaos:${o.seed}`);
  const at = (i: number, n: number) => {
    const spacing = o.runMs / (n + 1);
    return Math.round((i + 1) * spacing + (rng.next() * 2 - 1) * JITTER * spacing);
  };
  const kills = Array.from({ length: o.kills }, (_, i): PlannedDisruption => {
    const atMs = at(i, o.kills);
    return { kind: "kill", role: CHAOS_ROLES[rng.int(0, CHAOS_ROLES.length - 1)]!, atMs };
  });
  const restarts = Array.from({ length: o.natsRestarts }, (_, j): PlannedDisruption => ({ kind: "nats-restart", atMs: at(j, o.natsRestarts) }));
  return [...kills, ...restarts].sort((a, b) => a.atMs - b.atMs);
}
