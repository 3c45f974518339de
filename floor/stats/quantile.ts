/**
 * The q-quantile of ascending `sorted` values, interpolating linearly between order statistics
 * (R's type 7, numpy's default), so a percentile interval does not jump from one draw to the next.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of nothing");
  const h = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
  const i = Math.floor(h);
  const below = sorted[i]!;
  return i + 1 < sorted.length ? below + (h - i) * (sorted[i + 1]! - below) : below;
}
