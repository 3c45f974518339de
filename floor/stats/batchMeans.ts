/**
 * Means of consecutive, non-overlapping batches of `size` values, oldest first; an incomplete last
 * batch is left out (it would be noisier than the rest). A batch of n independent values has its
 * mean's noise cut by √n, so a shift in the mean stands out √n times more against it: what lets
 * a CUSUM see a small per-trade edge decay (research-2026-12 §2).
 */
export function batchMeans(xs: readonly number[], size: number): number[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer: ${size}`);
  const out: number[] = [];
  for (let start = 0; start + size <= xs.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += xs[i]!;
    out.push(sum / size);
  }
  return out;
}
