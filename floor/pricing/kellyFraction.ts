/**
 * Kelly stake, as a fraction of capital, for a binary token bought at `cost` that pays 1 with
 * probability `belief`: f* = (p − c)/(1 − c), scaled by `fraction` (0.25 = quarter Kelly); 0 without edge.
 */
export function kellyFraction(belief: number, cost: number, fraction = 0.25): number {
  if (!(cost > 0 && cost < 1)) throw new RangeError(`cost must be in (0, 1): ${cost}`);
  const f = (belief - cost) / (1 - cost);
  return f > 0 ? f * fraction : 0;
}
