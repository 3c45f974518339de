/** A token bucket as the venue keeps one per signer: `tokens` at floor time `ts`. */
export interface Bucket {
  tokens: number;
  ts: number;
}

export interface BucketRate {
  perSec: number;
  burst: number;
}

/** The bucket at `now`: refilled at `perSec`, never above `burst` (time going back refills nothing). */
export function refill(b: Bucket, now: number, r: BucketRate): Bucket {
  if (now <= b.ts) return b;
  return { tokens: Math.min(r.burst, b.tokens + ((now - b.ts) * r.perSec) / 1000), ts: now };
}

/** Take one token at `now` (an order sent, a cancel seen); an empty bucket stays at 0. */
export function take(b: Bucket, now: number, r: BucketRate): Bucket {
  const f = refill(b, now, r);
  return { tokens: Math.max(0, f.tokens - 1), ts: f.ts };
}

/**
 * The bucket at `now` under a new rate (the venue moved the signer to another tier): refilled at
 * the old rate up to `now`, then what it holds is kept, capped at the new burst. Spent tokens stay
 * spent: a higher tier refills faster from here but grants no fresh burst; a lower one cuts the
 * bucket down to its own burst.
 */
export function resize(b: Bucket, now: number, from: BucketRate, to: BucketRate): Bucket {
  const f = refill(b, now, from);
  return { tokens: Math.min(to.burst, f.tokens), ts: f.ts };
}
