import { z } from "zod";

/** A numeric field of an object schema and the closed range a value may take inside its bounds. */
export interface NumericBound {
  key: string;
  int: boolean;
  /** Lowest and highest allowed values (an exclusive bound moved one step inside). */
  lo: number;
  hi: number;
}

interface JsonProp {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const bounded = (v: number | undefined): v is number => v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER;

/**
 * The numeric fields of a zod object schema that are bounded both ways, read from its JSON Schema
 * (so wrappers such as defaults and metadata do not hide them). An int's implicit safe-integer
 * range is no bound. An exclusive bound is moved inside by one for an int, by a millionth of the
 * range for a float.
 */
export function numericBounds(schema: z.ZodType): NumericBound[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonProp> };
  const out: NumericBound[] = [];
  for (const [key, p] of Object.entries(json.properties ?? {})) {
    if (p.type !== "number" && p.type !== "integer") continue;
    const [lo, hi] = [p.minimum ?? p.exclusiveMinimum, p.maximum ?? p.exclusiveMaximum];
    if (!bounded(lo) || !bounded(hi) || hi <= lo) continue;
    const int = p.type === "integer";
    const step = int ? 1 : (hi - lo) * 1e-6;
    out.push({ key, int, lo: p.minimum === undefined ? lo + step : lo, hi: p.maximum === undefined ? hi - step : hi });
  }
  return out;
}
