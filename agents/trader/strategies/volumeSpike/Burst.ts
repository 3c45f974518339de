/**
 * Volume over two trailing windows of one stream of events (public prints, or spot candles):
 * the last `shortSec` (the spike) and the last `longSec` (the baseline), with the spike's signed
 * flow. Events enter at the back and leave from the front as they age out of each window, so
 * adding and asking cost O(1) amortised, whatever the rate: running sums, no loop over history.
 * Times are floor milliseconds and must not go backwards.
 */
export class Burst {
  private ts: number[] = [];
  private size: number[] = [];
  private signed: number[] = [];
  /** First event still inside the long window, and inside the short one. */
  private longHead = 0;
  private shortHead = 0;
  private longSum = 0;
  private shortSum = 0;
  private shortSigned = 0;
  /** When it began watching (the baseline's rate needs to know how much time it covers). */
  private since: number | undefined;

  constructor(
    readonly shortSec: number,
    readonly longSec: number,
  ) {}

  /** Start the clock without an event (a quiet stream has a zero rate, not an unknown one). */
  watch(now: number): void {
    this.since ??= now;
    this.advance(now);
  }

  /** An event of `size` (> 0), `signed` its part in the direction that counts (−size … size). */
  add(ts: number, size: number, signed: number): void {
    this.since ??= ts;
    this.ts.push(ts);
    this.size.push(size);
    this.signed.push(signed);
    this.longSum += size;
    this.shortSum += size;
    this.shortSigned += signed;
    this.advance(ts);
  }

  /** Let the windows slide to `now`: events at or before now − window leave it. */
  advance(now: number): void {
    const longFrom = now - this.longSec * 1000;
    const shortFrom = now - this.shortSec * 1000;
    while (this.shortHead < this.ts.length && this.ts[this.shortHead]! <= shortFrom) {
      this.shortSum -= this.size[this.shortHead]!;
      this.shortSigned -= this.signed[this.shortHead]!;
      this.shortHead++;
    }
    while (this.longHead < this.shortHead && this.ts[this.longHead]! <= longFrom) {
      this.longSum -= this.size[this.longHead]!;
      this.longHead++;
    }
    if (this.longHead === this.ts.length) {
      // Empty: start the sums afresh (no rounding left over from what has gone).
      this.ts = [];
      this.size = [];
      this.signed = [];
      this.longHead = this.shortHead = 0;
      this.longSum = this.shortSum = this.shortSigned = 0;
    } else if (this.longHead > 1024 && this.longHead * 2 > this.ts.length) {
      this.ts = this.ts.slice(this.longHead);
      this.size = this.size.slice(this.longHead);
      this.signed = this.signed.slice(this.longHead);
      this.shortHead -= this.longHead;
      this.longHead = 0;
    }
  }

  /** Size in the spike window at `now`, and its signed flow as a share of it (−1 … 1; 0 when empty). */
  spike(now: number): { size: number; flow: number } {
    this.advance(now);
    const size = Math.max(0, this.shortSum);
    return { size, flow: size > 0 ? Math.max(-1, Math.min(1, this.shortSigned / size)) : 0 };
  }

  /**
   * The spike's rate over the baseline's: size per second in the last `shortSec` over size per
   * second in the last `longSec` (or the time watched, when shorter). Undefined until it has
   * watched for half the long window, or while the baseline is empty.
   */
  ratio(now: number): number | undefined {
    this.advance(now);
    if (this.since === undefined) return undefined;
    const covered = Math.min(this.longSec, (now - this.since) / 1000);
    const base = Math.max(0, this.longSum);
    if (covered < this.longSec / 2 || base <= 0) return undefined;
    return Math.max(0, this.shortSum) / this.shortSec / (base / covered);
  }

  save(): BurstState {
    const h = this.longHead;
    return { ts: this.ts.slice(h), size: this.size.slice(h), signed: this.signed.slice(h), shortHead: this.shortHead - h, sums: [this.longSum, this.shortSum, this.shortSigned], since: this.since ?? null };
  }

  restore(st: BurstState): void {
    this.ts = [...st.ts];
    this.size = [...st.size];
    this.signed = [...st.signed];
    this.longHead = 0;
    this.shortHead = st.shortHead;
    [this.longSum, this.shortSum, this.shortSigned] = st.sums;
    this.since = st.since ?? undefined;
  }
}

export interface BurstState {
  ts: number[];
  size: number[];
  signed: number[];
  shortHead: number;
  sums: [number, number, number];
  since: number | null;
}
