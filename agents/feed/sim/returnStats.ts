/**
 * Return statistics used to calibrate the simulator against recorded BTC prices. Pure
 * functions over a price series (`prices[i]` in force from `ts[i]`, ms, sorted ascending),
 * ticks or 1-minute points alike.
 *
 * Definitions (docs/SIMULATOR.md quotes them):
 * - The series is first sampled on the epoch-aligned 1-minute grid: the price at a grid time
 *   is the last point at or before it, if no older than `maxAgeMs` (else that minute is missing,
 *   so gaps in a recording never turn into returns).
 * - `vol15m` / `vol5m`: sample standard deviation of log returns over non-overlapping,
 *   epoch-aligned 15-minute (5-minute) windows, ln(P(t + h) / P(t)), both ends present.
 * - `kurtosis1m`: excess kurtosis (m4 / m2² − 3, about the mean) of consecutive 1-minute log returns.
 * - `jumpFreq1m`: share of 1-minute returns whose size exceeds `jumpK` (4) times the rolling
 *   standard deviation (root mean square) of the previous `jumpWindow` (60) 1-minute returns;
 *   a return counts only when at least half of that window is present.
 */

export interface ReturnStats {
  /** 1-minute grid points present. */
  minutes: number;
  n1m: number;
  n5m: number;
  n15m: number;
  vol5m: number;
  vol15m: number;
  /** vol15m annualised (× √(periods per 365-day year)), for reading next to `volAnnual`. */
  volAnnual15m: number;
  kurtosis1m: number;
  jumpFreq1m: number;
}

export interface StatsOptions {
  /** Oldest a point may be to stand for a grid minute. Default 60 s. */
  maxAgeMs?: number;
  jumpK?: number;
  jumpWindow?: number;
}

const MINUTE = 60_000;
const YEAR_MS = 365 * 24 * 3_600_000;

/** The series sampled on the epoch-aligned 1-minute grid: `NaN` where no point is recent enough. */
export function minuteGrid(prices: ArrayLike<number>, ts: ArrayLike<number>, maxAgeMs = MINUTE): { t0: number; price: Float64Array } {
  const n = ts.length;
  if (n === 0) return { t0: 0, price: new Float64Array(0) };
  const t0 = Math.ceil(ts[0]! / MINUTE) * MINUTE;
  const count = Math.floor((ts[n - 1]! - t0) / MINUTE) + 1;
  const out = new Float64Array(Math.max(0, count)).fill(NaN);
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    const g = t0 + k * MINUTE;
    while (j + 1 < n && ts[j + 1]! <= g) j++;
    if (ts[j]! <= g && g - ts[j]! <= maxAgeMs) out[k] = prices[j]!;
  }
  return { t0, price: out };
}

/** Log returns over non-overlapping, epoch-aligned windows of `horizonMs` (a multiple of a minute) on a minute grid. */
export function horizonReturns(grid: { t0: number; price: Float64Array }, horizonMs: number): number[] {
  const step = Math.round(horizonMs / MINUTE);
  const first = ((Math.ceil(grid.t0 / horizonMs) * horizonMs - grid.t0) / MINUTE) | 0;
  const out: number[] = [];
  for (let k = first; k + step < grid.price.length; k += step) {
    const a = grid.price[k]!;
    const b = grid.price[k + step]!;
    if (Number.isFinite(a) && Number.isFinite(b)) out.push(Math.log(b / a));
  }
  return out;
}

function sd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

/** Excess kurtosis m4/m2² − 3 about the mean (0 for a normal distribution). */
export function excessKurtosis(xs: readonly number[]): number {
  if (xs.length < 4) return NaN;
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= xs.length;
  m4 /= xs.length;
  return m4 / (m2 * m2) - 3;
}

/** Share of 1-minute returns beyond `k` rolling standard deviations (see the module comment). */
export function jumpFrequency(grid: { price: Float64Array }, k = 4, window = 60): number {
  const p = grid.price;
  const r = new Float64Array(Math.max(0, p.length - 1)).fill(NaN);
  for (let i = 1; i < p.length; i++) if (Number.isFinite(p[i]!) && Number.isFinite(p[i - 1]!)) r[i - 1] = Math.log(p[i]! / p[i - 1]!);
  let sumSq = 0;
  let present = 0;
  let jumps = 0;
  let eligible = 0;
  for (let i = 0; i < r.length; i++) {
    const x = r[i]!;
    if (Number.isFinite(x) && present >= window / 2 && sumSq > 0) {
      eligible++;
      if (Math.abs(x) > k * Math.sqrt(sumSq / present)) jumps++;
    }
    if (Number.isFinite(x)) {
      sumSq += x * x;
      present++;
    }
    const old = i - window >= 0 ? r[i - window]! : NaN;
    if (Number.isFinite(old)) {
      sumSq -= old * old;
      present--;
    }
  }
  return eligible > 0 ? jumps / eligible : NaN;
}

/** Every statistic above for one price series. */
export function returnStats(prices: ArrayLike<number>, ts: ArrayLike<number>, o: StatsOptions = {}): ReturnStats {
  const grid = minuteGrid(prices, ts, o.maxAgeMs ?? MINUTE);
  const r1 = horizonReturns(grid, MINUTE);
  const r5 = horizonReturns(grid, 5 * MINUTE);
  const r15 = horizonReturns(grid, 15 * MINUTE);
  const vol15m = sd(r15);
  let minutes = 0;
  for (const x of grid.price) if (Number.isFinite(x)) minutes++;
  return {
    minutes,
    n1m: r1.length,
    n5m: r5.length,
    n15m: r15.length,
    vol5m: sd(r5),
    vol15m,
    volAnnual15m: vol15m * Math.sqrt(YEAR_MS / (15 * MINUTE)),
    kurtosis1m: excessKurtosis(r1),
    jumpFreq1m: jumpFrequency(grid, o.jumpK ?? 4, o.jumpWindow ?? 60),
  };
}
