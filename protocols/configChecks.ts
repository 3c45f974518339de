import { z } from "zod";

/** The tick sizes Polymarket's CLOB uses (clob-client-v2's `TickSize`). */
export const VENUE_TICK_SIZES = ["0.1", "0.01", "0.005", "0.0025", "0.001", "0.0001"] as const;

/** A tick the venue has; any other would quote prices no market accepts. */
export const VenueTick = z
  .number()
  .refine((t) => VENUE_TICK_SIZES.some((s) => Number(s) === t), `the venue's tick sizes are ${VENUE_TICK_SIZES.slice(0, -1).join(", ")} or ${VENUE_TICK_SIZES.at(-1)}`);

/**
 * Refuse a minimum above its maximum, pointing at the minimum. Checked after defaults, so a
 * minimum raised past an unchanged default maximum is caught too.
 */
export function ordered<T extends Record<string, unknown>>(...pairs: Array<[keyof T & string, keyof T & string]>) {
  return (v: T, ctx: z.RefinementCtx) => {
    for (const [lo, hi] of pairs) {
      const [a, b] = [v[lo], v[hi]];
      if (typeof a === "number" && typeof b === "number" && a > b) ctx.addIssue({ code: "custom", path: [lo], message: `${lo} ${a} is above ${hi} ${b}` });
    }
  };
}

/** `HOST:PORT` (an IPv6 host in brackets) with a port of 1-65535, 0 picking a free one; or "off". */
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]]+):(\d{1,5})$/;
export const ListenAddress = z.string().refine((s) => {
  const m = HOST_PORT.exec(s);
  return m !== null && Number(m[2]) <= 65535;
}, "HOST:PORT with a port of 1-65535 (0: any free port)");
export const DashboardSetting = z.union([z.literal("off"), ListenAddress], { error: "HOST:PORT with a port of 1-65535 (0: any free port), or off" });

/** Split a checked `HOST:PORT`; the host loses its IPv6 brackets. */
export function hostPort(at: string): { host: string; port: number } {
  const m = HOST_PORT.exec(at);
  if (!m || Number(m[2]) > 65535) throw new Error(`invalid address ${JSON.stringify(at)}: use HOST:PORT`);
  return { host: m[1]!.replace(/^\[(.*)\]$/, "$1"), port: Number(m[2]) };
}
