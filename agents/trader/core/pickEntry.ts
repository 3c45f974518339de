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
  // Every trader runs this on every book: the two sides as scalars, nothing allocated unless it buys.
  const usd = feeCurrency(m.fee) === "usd";
  let side = -1; // 0 Up, 1 Down
  let edge = -Infinity;
  let cost = 0;
  let c = 0;
  let paid = 0;
  let value = 0;
  for (let k = 0; k < 2; k++) {
    const price = k === 0 ? ask : bid;
    if (price === undefined) continue;
    const kCost = k === 0 ? price : MICRO - price;
    const kC = kCost / MICRO;
    const f = m.fee.rate * (kC * (1 - kC)) ** m.fee.exponent;
    const belief = k === 0 ? pUp : 1 - pUp;
    // `paid` is the cash a gross share costs, `value` what it is expected to pay.
    const kPaid = usd ? kC + f : kC;
    const kValue = usd ? belief : belief * (1 - f);
    // Strictly better only: a tie goes to Up, the side looked at first.
    if (kValue - kPaid <= edge) continue;
    side = k;
    edge = kValue - kPaid;
    cost = kCost;
    c = kC;
    paid = kPaid;
    value = kValue;
  }
  if (side < 0 || edge < rules.minEdge || c > rules.maxPrice || c < rules.minPrice || paid >= 1) return undefined;
  const stake = kellyFraction(value, paid, rules.kellyFraction) * cash;
  const size = Math.floor(stake / paid / SHARE_STEP) * SHARE_STEP;
  if (size < m.minSize) return undefined;
  const up = side === 0;
  return { marketId: m.marketId, tokenId: up ? m.upTokenId : m.downTokenId, outcome: up ? "Up" : "Down", side: "BUY", type: "FAK", price: cost, size, belief: up ? pUp : 1 - pUp };
}
