/** The feature vectors a classifier snapshotted during one window it followed, and the window's outcome once resolved. */
export interface WindowSamples {
  marketId: string;
  startTs: number;
  endTs: number;
  /** 1 when the window resolved Up, 0 Down; absent until it resolves. */
  label?: 0 | 1;
  /** When each sample was taken, and its features. */
  ts: number[];
  xs: number[][];
}
