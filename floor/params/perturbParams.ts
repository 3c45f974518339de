import type { z } from "zod";
import type { Rng } from "../random/createRng.ts";
import { numericBounds, type NumericBound } from "./numericBounds.ts";

/** A clone's parameters: what changed, and whether it had to keep its parent's. */
export interface Perturbed<T> {
  params: T;
  /** The fields that differ from the parent's. */
  changed: string[];
  fellBack: boolean;
  note: string;
}

const TRIES = 20;

/**
 * One field scaled by a factor in [1 − scale, 1 + scale] (PBT's "perturb": 0.8 or 1.2 there), so a
 * change is in proportion to the value, not to a bound chosen to be generous: ±10% of a 30-second
 * exit margin is 3 s, where ±10% of its 0–3600 s range was 6 minutes, most of a 5-minute window.
 * Ints stay ints, floats keep 6 significant digits, inside its bounds; a 0 stays 0.
 */
function nudge(b: NumericBound, v: number, rng: Rng, scale: number): number {
  const moved = v * (1 + (2 * rng.next() - 1) * scale);
  const tidy = b.int ? Math.round(moved) : Number(moved.toPrecision(6));
  return Math.min(b.hi, Math.max(b.lo, tidy));
}

/**
 * A clone's parameters (PBT's "explore", anchors.md §6.1): every numeric field of the parent that
 * its object schema bounds both ways is scaled by up to ±scale of its value, clamped to the bounds,
 * and the whole re-parsed by the schema. A draw the schema refuses (a refinement such as
 * minPrice ≤ maxPrice) or that changes nothing is drawn again, up to 20 times; then the clone
 * keeps its parent's parameters and the note says so.
 */
export function perturbParams<T extends Record<string, unknown>>(schema: z.ZodType<T>, params: T, rng: Rng, scale: number): Perturbed<T> {
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`scale must be in (0, 1]: ${scale}`);
  const bounds = numericBounds(schema).filter((b) => typeof params[b.key] === "number");
  for (let t = 1; t <= TRIES && bounds.length > 0; t++) {
    const draft: Record<string, unknown> = { ...params };
    for (const b of bounds) draft[b.key] = nudge(b, params[b.key] as number, rng, scale);
    const parsed = schema.safeParse(draft);
    if (!parsed.success) continue;
    const changed = bounds.filter((b) => parsed.data[b.key] !== params[b.key]).map((b) => b.key);
    if (changed.length > 0) return { params: parsed.data, changed, fellBack: false, note: `${changed.length} of ${bounds.length} bounded fields scaled by up to ±${scale} (draw ${t})` };
  }
  const why = bounds.length === 0 ? "it has no numeric field bounded both ways" : `no draw in ${TRIES} passed the schema and changed a field`;
  return { params, changed: [], fellBack: true, note: `kept the parent's parameters: ${why}` };
}
