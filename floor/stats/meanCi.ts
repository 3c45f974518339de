import { bootstrapCi, type BootstrapResult, type BootstrapSettings } from "./bootstrapCi.ts";

export interface MeanCi {
  n: number;
  mean: BootstrapResult;
  /** The total: the mean's estimate and interval times n. */
  sum: BootstrapResult;
}

/**
 * Bootstrap interval of the mean of independent values (each market's PnL, each trade's return),
 * and of their sum. Pass one value per market, not per fill: fills in one window share its
 * outcome. The sum's interval is the mean's times n, the count being fixed by the run rather than
 * drawn. Null for no values; throws on a non-finite one (a NaN PnL is a bug, not a loss).
 */
export function meanCi(values: readonly number[], opts: BootstrapSettings): MeanCi | null {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`not a finite value: ${v}`);
  const mean = bootstrapCi({ clusters: values, statistic: average, ...opts });
  if (mean === null) return null;
  const n = values.length;
  return { n, mean, sum: { estimate: mean.estimate * n, lo: mean.lo * n, hi: mean.hi * n, resamples: mean.resamples } };
}

function average(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
