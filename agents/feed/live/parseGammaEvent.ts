import { microFromNumber, type FeeSchedule, type Outcome } from "../../../protocols/index.ts";
import { GammaEvent, GammaMarket } from "../../../floor/adapters/polymarket/index.ts";
import { slugStartMs } from "./windowSlug.ts";

/** One Up/Down window as the floor needs it. Prices and sizes in micro-units; times in ms. */
export interface GammaWindow {
  slug: string;
  gammaId: string;
  conditionId: string;
  question: string | undefined;
  upTokenId: string;
  downTokenId: string;
  startTs: number;
  endTs: number;
  fee: FeeSchedule;
  tickSize: number;
  minSize: number;
  closed: boolean;
  /** Set once Gamma shows the window resolved (`outcomePrices` one "1" and one "0"). */
  outcome: Outcome | undefined;
  /** The strike in USD when the event carries `eventMetadata.priceToBeat`. */
  priceToBeat: number | undefined;
  /**
   * `cryptoMarketConfig.twapLookbackSeconds`: the TWAP the market settles on (60 today); null when
   * Gamma says it settles on the spot; undefined when Gamma does not say (see settlesOnTwap).
   */
  twapLookbackSeconds?: number | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): Parsed<never> => ({ ok: false, error });

/** A Gamma market object (plus its event's metadata, if any) to a window. Never throws. */
export function parseGammaMarket(raw: unknown, priceToBeat?: number): Parsed<GammaWindow> {
  const r = GammaMarket.safeParse(raw);
  if (!r.success) return fail(`market ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
  const m = r.data;
  const up = m.outcomes.indexOf("Up");
  const down = m.outcomes.indexOf("Down");
  if (up < 0 || down < 0) return fail(`outcomes are ${JSON.stringify(m.outcomes)}, not Up/Down`);
  const startTs = m.eventStartTime ?? slugStartMs(m.slug);
  if (startTs === undefined) return fail(`no eventStartTime and no start in slug ${m.slug}`);
  if (m.endDate <= startTs) return fail(`endDate is not after the start`);
  const fee: FeeSchedule | undefined = m.feeSchedule ?? (m.feesEnabled === false ? { rate: 0, exponent: 1, takerOnly: true } : undefined);
  if (!fee) return fail("no feeSchedule on a market with fees enabled");
  return {
    ok: true,
    value: {
      slug: m.slug, gammaId: m.id, conditionId: m.conditionId, question: m.question,
      upTokenId: m.clobTokenIds[up]!, downTokenId: m.clobTokenIds[down]!,
      startTs, endTs: m.endDate,
      // The maker rebate rides along (0.2 on crypto): paper and live accrue it on maker fills.
      fee: { rate: fee.rate, exponent: fee.exponent, takerOnly: fee.takerOnly, ...(fee.rebateRate !== undefined ? { rebateRate: fee.rebateRate } : {}) },
      tickSize: microFromNumber(m.orderPriceMinTickSize), minSize: microFromNumber(m.orderMinSize),
      closed: m.closed ?? false,
      outcome: resolvedOutcome(m),
      priceToBeat,
      twapLookbackSeconds: twapLookback(m.cryptoMarketConfig),
    },
  };
}

function twapLookback(c: GammaMarket["cryptoMarketConfig"]): number | null | undefined {
  if (!c) return undefined;
  return c.twapEnabled === false ? null : (c.twapLookbackSeconds ?? null);
}

function resolvedOutcome(m: GammaMarket): Outcome | undefined {
  if (!m.closed && m.umaResolutionStatus !== "resolved") return undefined;
  const p = m.outcomePrices;
  if (!p || p.length !== 2) return undefined;
  const win = p.indexOf("1");
  if (win < 0 || p[1 - win] !== "0") return undefined;
  const name = m.outcomes[win];
  return name === "Up" || name === "Down" ? name : undefined;
}

/** `GET /events/slug/<slug>` to the window of the market with that slug (or the event's first market). */
export function parseGammaEvent(raw: unknown, slug: string): Parsed<GammaWindow> {
  const r = GammaEvent.safeParse(raw);
  if (!r.success) return fail(`event ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
  const market = r.data.markets.find((m) => (m as { slug?: unknown } | null)?.slug === slug) ?? r.data.markets[0];
  return parseGammaMarket(market, r.data.eventMetadata?.priceToBeat);
}
