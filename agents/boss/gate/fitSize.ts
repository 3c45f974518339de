import { SHARE_STEP, type FeeSchedule } from "../../../protocols/index.ts";
import { buyCost } from "./buyCost.ts";

/**
 * The largest buy of at most `size` that costs at most `budget`: a whole number of the venue's
 * size steps, never below `minSize`; undefined when even that does not fit. A binary search over
 * steps, exact because the cost never decreases with size.
 */
export function fitSize(price: number, size: number, fee: FeeSchedule | undefined, budget: number, minSize: number): number | undefined {
  const least = Math.ceil(Math.max(minSize, SHARE_STEP) / SHARE_STEP);
  let lo = least - 1; // the largest count of steps known to fit (or least − 1: none yet)
  let hi = Math.floor(size / SHARE_STEP);
  if (hi < least) return undefined;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2); // in (lo, hi], so at least `least`
    if (buyCost(price, mid * SHARE_STEP, fee) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo >= least ? lo * SHARE_STEP : undefined;
}
