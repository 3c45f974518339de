/** Mean squared error of probability forecasts against what happened (0 is perfect, 0.25 is a coin flip at 0.5). */
export function brierScore(forecasts: ReadonlyArray<{ p: number; happened: boolean }>): number | null {
  if (forecasts.length === 0) return null;
  return forecasts.reduce((s, f) => s + (f.p - (f.happened ? 1 : 0)) ** 2, 0) / forecasts.length;
}
