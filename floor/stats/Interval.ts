/** A point estimate and the interval around it. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}
