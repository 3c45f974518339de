const DAY_MS = 86_400_000;

/** The UTC day (days since the epoch) of a time in ms. */
export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/**
 * A token bucket: at most `capacity` calls at once, refilled at `perMin` a minute (continuously).
 * `now` is the clock it runs on (the wall clock for a rate limit a server enforces).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly perMin: number, private readonly now: () => number, private readonly capacity = Math.max(1, perMin)) {
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Take one token if there is one. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 60_000) * this.perMin);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface DailyBudgetState {
  day: number;
  used: number;
}

/**
 * A daily token budget: tokens used on the UTC day of the time given (the floor's clock), reset
 * on the next day. A call starts only while the day's use is under the limit, so a day can end
 * over it by at most one call's tokens.
 */
export class DailyBudget {
  private day = -1;
  private used = 0;

  constructor(private readonly limit: number) {}

  private roll(now: number): void {
    const d = utcDay(now);
    if (d !== this.day) {
      this.day = d;
      this.used = 0;
    }
  }

  allows(now: number): boolean {
    this.roll(now);
    return this.used < this.limit;
  }

  charge(now: number, tokens: number): void {
    this.roll(now);
    this.used += Math.max(0, tokens);
  }

  usedOn(now: number): number {
    this.roll(now);
    return this.used;
  }

  save(): DailyBudgetState {
    return { day: this.day, used: this.used };
  }

  restore(s: DailyBudgetState | undefined): void {
    this.day = s?.day ?? -1;
    this.used = s?.used ?? 0;
  }
}
