/**
 * The worst fall of an equity curve from its running peak, as a fraction of that peak (0.25: a
 * quarter of the peak lost at the worst point); 0 for a curve that never falls. Equity is in any
 * one unit (micro-USD from the ledger will do) and must start above 0.
 */
export function maxDrawdown(equity: readonly number[]): number {
  if (equity.length === 0) return 0;
  let peak = equity[0]!;
  if (!(peak > 0)) throw new RangeError(`an equity curve must start above 0: ${peak}`);
  let worst = 0;
  for (const e of equity) {
    if (!Number.isFinite(e)) throw new RangeError(`not a finite equity: ${e}`);
    if (e > peak) peak = e;
    else worst = Math.max(worst, (peak - e) / peak);
  }
  return worst;
}
