/** One probability forecast of an Up/Down market and how it resolved. */
export interface Forecast {
  /** The forecaster's probability of Up, in [0, 1]. */
  p: number;
  /** True when the market resolved Up. */
  up: boolean;
}
