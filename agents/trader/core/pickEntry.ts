import { feeCurrency, MICRO } from "../../../protocols/index.ts";
import { kellyFraction } from "../../../floor/pricing/index.ts";
import type { Signal } from "./Action.ts";
import type { MarketView } from "./MarketView.ts";

const SHARE_STEP = 10_000; // sizes in hundredths of a share, as the CLOB takes them

export interface EntryRules {
  minEdge: number;
  maxPrice: number;
  minPrice: number;
  kellyFraction: number;
}

/**
 * Given a belief that Up wins, buy whichever side is cheaper than its belief by at least
 * `minEdge` once the taker fee is counted, sized by fractional Kelly on `cash`, as a marketable
 * FAK at the best ask. Undefined when nothing qualifies. The fee per share bought is
 * f = rate × (c(1−c))^exponent, in the schedule's currency: in pUSD a share costs c + f and pays
 * 1 if it wins; in shares it costs c and only 1 − f of it arrives to pay.
 */
export function pickEntry(m: MarketView, pUp: number, bid: number | undefined, ask: number | undefined, rules: EntryRules, cash: number): Signal | undefined {
  const usd = feeCurrency(m.fee) === "usd";
  const sides = [
    ...(ask !== undefined ? [{ outcome: "Up" as const, tokenId: m.upTokenId, cost: ask, belief: pUp }] : []),
    ...(bid !== undefined ? [{ outcome: "Down" as const, tokenId: m.downTokenId, cost: MICRO - bid, belief: 1 - pUp }] : []),
  ].map((x) => {
    const c = x.cost / MICRO;
    const f = m.fee.rate * (c * (1 - c)) ** m.fee.exponent;
    // `paid` is the cash a gross share costs, `value` what it is expected to pay.
    return usd ? { ...x, c, paid: c + f, value: x.belief } : { ...x, c, paid: c, value: x.belief * (1 - f) };
  });
  if (sides.length === 0) return undefined;
  const best = sides.reduce((a, b) => (b.value - b.paid > a.value - a.paid ? b : a));
  if (best.value - best.paid < rules.minEdge || best.c > rules.maxPrice || best.c < rules.minPrice || best.paid >= 1) return undefined;
  const stake = kellyFraction(best.value, best.paid, rules.kellyFraction) * cash;
  const size = Math.floor(stake / best.paid / SHARE_STEP) * SHARE_STEP;
  if (size < m.minSize) return undefined;
  return { marketId: m.marketId, tokenId: best.tokenId, outcome: best.outcome, side: "BUY", type: "FAK", price: best.cost, size, belief: best.belief };
}
