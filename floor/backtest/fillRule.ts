import { marketPriceSource, type ReplayPlan } from "../replay/index.ts";
import type { ReplayOptions } from "../host/index.ts";

/** How a replay's orders met the market, stated in every report (docs/DATA.md, "Fills"). */
export interface FillRule {
  rule: string;
  latencyMs: number;
  /** Windows whose market price the data records (books or Up prices: they have a book), and those it does not. */
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
  const sources = plan.markets.map((m) => marketPriceSource(plan.dataset, m));
  const booked = sources.filter((s) => s === "books").length;
  const priced = booked + sources.filter((s) => s === "prices").length;
  const unpriced = plan.markets.length - priced;
  const where = [booked > 0 ? "through the recorded book where the data has one" : "", priced > booked ? "across a spread of at least 2¢ and through 5 levels of 500 shares a side around a recorded price" : ""].filter(Boolean).join(", else ");
  const rule = `an order decided at floor time t fills only against a market price recorded after t + ${o.latencyMs} ms (the next recorded book or Up price), ${where || "and here none is recorded"}; a resting order fills only when a later recorded book crosses it`;
  if (o.syntheticBook && unpriced > 0) {
    return { rule, latencyMs: o.latencyMs, windowsWithPrices: priced, windowsWithoutPrices: unpriced, syntheticBook: true, pnlMeasurable: true, pnlNote: `SYNTHETIC BOOK: ${unpriced} of ${plan.markets.length} windows traded against a book the floor invented around its own model (--synthetic-book); their PnL is not a market result` };
  }
  if (priced === 0) return { rule, latencyMs: o.latencyMs, windowsWithPrices: 0, windowsWithoutPrices: unpriced, syntheticBook: false, pnlMeasurable: false, pnlNote: "PnL not measurable: no recorded market prices" };
  const note = unpriced > 0 ? `PnL covers the ${priced} windows with recorded prices; the other ${unpriced} have no market price, so nothing traded there` : null;
  return { rule, latencyMs: o.latencyMs, windowsWithPrices: priced, windowsWithoutPrices: unpriced, syntheticBook: false, pnlMeasurable: true, pnlNote: note };
}
