/** A token bucket at wall time `at` (ms): `tokens` ready now, at most `burst`. */
export interface Bucket {
  tokens: number;
  at: number;
}

/** Its rate: tokens a minute, and how many it holds at most. */
export interface BucketRate {
  perMinute: number;
  burst: number;
}

export const fullBucket = (rate: BucketRate, now: number): Bucket => ({ tokens: rate.burst, at: now });

/** The bucket at `now`: refilled at `perMinute`, never above `burst` (a clock that went back adds nothing). */
export function refill(b: Bucket, rate: BucketRate, now: number): Bucket {
  const gained = (Math.max(0, now - b.at) * rate.perMinute) / 60_000;
  return { tokens: Math.min(rate.burst, b.tokens + gained), at: Math.max(b.at, now) };
}

/** Ms until it holds a whole token (0 when it does now). */
export function msUntilToken(b: Bucket, rate: BucketRate): number {
  return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 60_000) / rate.perMinute);
}

/** One token taken, or undefined when it holds less than one. */
export function take(b: Bucket): Bucket | undefined {
  return b.tokens >= 1 ? { tokens: b.tokens - 1, at: b.at } : undefined;
}
