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
  /**
   * The top of the Down token's own book, when a feed publishes one (a BookSnapshot whose tokenId
   * is the market's downTokenId). No feed does today: the sim and replay publish the Up book only,
   * and the live feed tracks both tokens but publishes the Up token's.
   */
  readonly downBook?: Top | undefined;
  /**
   * The mid of the window's latest two-sided Up book (0..1): the market's price as the monitor
   * scores beliefs against it. A one-sided book states no price, so the last two-sided one stands.
   */
  readonly lastMid?: number | undefined;
  readonly prints: readonly Print[];
  readonly position: Position;
  readonly working: readonly WorkingOrder[];
}
