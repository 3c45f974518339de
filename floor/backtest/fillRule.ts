import type { ReplayPlan } from "../replay/index.ts";
import type { ReplayOptions } from "../host/index.ts";

/** How a replay's orders met the market, stated in every report (docs/DATA.md, "Fills"). */
export interface FillRule {
  rule: string;
  latencyMs: number;
  /** Windows whose Up price the data records (they have a book), and those it does not. */
  windowsWithPrices: number;
  windowsWithoutPrices: number;
  /** An invented book around the model's fair value quoted where nothing is recorded (--synthetic-book). */
  syntheticBook: boolean;
  pnlMeasurable: boolean;
  /** Why PnL is not measurable, or what it covers when only some windows have prices. */
  pnlNote: string | null;
}

/** What the replay could honestly fill, from the plan and the options it ran with. */
export function fillRule(plan: ReplayPlan, o: ReplayOptions): FillRule {
  const priced = plan.markets.filter((m) => (plan.dataset.upPrices.get(m.marketId)?.ts.some((t) => t >= m.startTs && t < m.endTs)) ?? false).length;
  const unpriced = plan.markets.length - priced;
  const rule = `an order decided at floor time t fills only against a market price recorded after t + ${o.latencyMs} ms (the next recorded Up price), across a spread of at least 2¢ and through 5 levels of 500 shares a side; a resting order fills only when a later recorded book crosses it`;
  if (o.syntheticBook && unpriced > 0) {
    return { rule, latencyMs: o.latencyMs, windowsWithPrices: priced, windowsWithoutPrices: unpriced, syntheticBook: true, pnlMeasurable: true, pnlNote: `SYNTHETIC BOOK: ${unpriced} of ${plan.markets.length} windows traded against a book the floor invented around its own model (--synthetic-book); their PnL is not a market result` };
  }
  if (priced === 0) return { rule, latencyMs: o.latencyMs, windowsWithPrices: 0, windowsWithoutPrices: unpriced, syntheticBook: false, pnlMeasurable: false, pnlNote: "PnL not measurable: no recorded market prices" };
  const note = unpriced > 0 ? `PnL covers the ${priced} windows with recorded prices; the other ${unpriced} have no market price, so nothing traded there` : null;
  return { rule, latencyMs: o.latencyMs, windowsWithPrices: priced, windowsWithoutPrices: unpriced, syntheticBook: false, pnlMeasurable: true, pnlNote: note };
}
