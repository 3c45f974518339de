/**
 * Round tick values spanning [lo, hi]: steps of 1, 2 or 5 times a power of ten, about `count` of
 * them, the first at or below lo and the last at or above hi (so the axis covers every point).
 * A flat range is widened around its value so the line sits mid-chart.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) throw new RangeError(`not a range: ${lo}..${hi}`);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  // Multiples of the step computed from integers, so 0.1 + 0.2 noise never reaches a label.
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}
