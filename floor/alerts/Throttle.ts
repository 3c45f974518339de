import { sleep } from "./sleep.ts";
import { fullBucket, msUntilToken, refill, take, type Bucket, type BucketRate } from "./tokenBucket.ts";

/** A token bucket on wall time that can be waited on. */
export class Throttle {
  private bucket: Bucket;

  constructor(private readonly rate: BucketRate) {
    this.bucket = fullBucket(rate, Date.now());
  }

  /** Take a token, waiting for one if need be (less if `signal` aborts); true when it had to wait. */
  async take(signal: AbortSignal): Promise<boolean> {
    this.bucket = refill(this.bucket, this.rate, Date.now());
    const wait = msUntilToken(this.bucket, this.rate);
    if (wait > 0) {
      await sleep(wait, signal);
      this.bucket = refill(this.bucket, this.rate, Date.now());
    }
    // A timer may fire a millisecond short of a whole token: the fraction is forgiven rather than waited for again.
    this.bucket = take(this.bucket) ?? { tokens: 0, at: this.bucket.at };
    return wait > 0;
  }
}
