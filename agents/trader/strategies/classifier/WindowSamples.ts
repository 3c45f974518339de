/** The feature vectors a classifier snapshotted during one window it followed, and the window's outcome once resolved. */
export interface WindowSamples {
  marketId: string;
  startTs: number;
  endTs: number;
  /** 1 when the window resolved Up, 0 Down; absent until it resolves. */
  label?: 0 | 1;
  /** The feature vectors, in the order taken (extractFeatures.ts). */
  xs: number[][];
}
