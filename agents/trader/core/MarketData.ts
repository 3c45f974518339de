import type { WorkingOrder } from "./Action.ts";
import type { MarketView, Position, Print, Top } from "./MarketView.ts";
import type { SpotSeries } from "./SpotSeries.ts";

/** The most prints of one window a strategy keeps (the newest). */
export const MAX_PRINTS = 500;

/**
 * What the shared core knows and every view reads: spot history, the window it follows, that
 * window's book top and public prints, and its own position and working orders there.
 */
export interface MarketData {
  readonly spot: SpotSeries;
  readonly market: MarketView | null;
  readonly book: Top | undefined;
  readonly prints: readonly Print[];
  readonly position: Position;
  readonly working: readonly WorkingOrder[];
}
