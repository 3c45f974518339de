/**
 * Returns `p` when it is a probability and throws otherwise (NaN included): a score computed from
 * 1.2 or NaN would be a number, and would hide the bug upstream that made it.
 */
export function checkProbability(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`not a probability: ${p}`);
  return p;
}
