export interface SpotAnomalyOptions {
  /** A move this many standard deviations of recent volatility (scaled to the interval) is implausible... */
  sigmas: number;
  /** ...if it is also at least this large (log return), so quiet spells do not flag ordinary ticks. */
  minMove: number;
  /** Half-life, in ticks, of the volatility estimate. */
  halfLifeTicks: number;
  /** Ticks before the estimate is trusted; until then only `minMove × 4` flags. */
  warmupTicks: number;
}

export const SPOT_ANOMALY_DEFAULTS: SpotAnomalyOptions = { sigmas: 12, minMove: 0.005, halfLifeTicks: 300, warmupTicks: 30 };

/**
 * Flags implausible spot prints (a bad tick, a broken source): a log move far beyond the recent
 * volatility and beyond an absolute floor. Flagged ticks do not feed the volatility estimate. A
 * flagged tick that the next one confirms (the next is plausible from it) was a real jump: it is
 * flagged once, then becomes the reference; one the next tick contradicts was a bad print.
 */
export class SpotAnomaly {
  private prev: { price: number; ts: number } | undefined;
  private pending: { price: number; ts: number } | undefined;
  private variancePerSec = 0;
  private n = 0;
  private readonly alpha: number;

  constructor(private readonly o: SpotAnomalyOptions = SPOT_ANOMALY_DEFAULTS) {
    this.alpha = 1 - 2 ** (-1 / o.halfLifeTicks);
  }

  /** Feed one tick; returns why it is implausible, or undefined. */
  check(price: number, ts: number): string | undefined {
    if (!(price > 0)) return `non-positive price ${price}`;
    const pending = this.pending;
    this.pending = undefined;
    if (!this.prev) {
      this.prev = { price, ts };
      return undefined;
    }
    if (pending && this.why(pending, price, ts) === undefined) this.prev = pending; // the jump held: a new level
    const why = this.why(this.prev, price, ts);
    if (why) {
      this.pending = { price, ts };
      return why;
    }
    const dt = Math.max(1, (ts - this.prev.ts) / 1000);
    const r = Math.log(price / this.prev.price);
    this.variancePerSec = this.n === 0 ? (r * r) / dt : (1 - this.alpha) * this.variancePerSec + this.alpha * ((r * r) / dt);
    this.n++;
    this.prev = { price, ts };
    return undefined;
  }

  private why(from: { price: number; ts: number }, price: number, ts: number): string | undefined {
    const dt = Math.max(1, (ts - from.ts) / 1000);
    const r = Math.log(price / from.price);
    const sd = Math.sqrt(this.variancePerSec * dt);
    const warm = this.n >= this.o.warmupTicks;
    const implausible = warm ? Math.abs(r) >= this.o.minMove && Math.abs(r) > this.o.sigmas * sd : Math.abs(r) >= 4 * this.o.minMove;
    return implausible ? `spot moved ${(r * 100).toFixed(2)}% in ${dt.toFixed(0)} s${warm ? ` (${(Math.abs(r) / sd).toFixed(0)} sigma)` : ""}` : undefined;
  }
}
