import { z } from "zod";
import { ordered } from "./configChecks.ts";
import { VenueRateTier } from "./venueRates.ts";

const Fraction = z.number().gt(0).lte(1);

/**
 * The boss's risk limits (DESIGN.md "Floor economics"; docs/BOSS.md "Risk gate" says what trips
 * each and how it resumes). Fractions are of the floor's capital unless said otherwise.
 */
export const RiskConfig = z
  .object({
    /** Largest single order (its cost, the pUSD fee included). */
    perTradeMaxPct: Fraction.default(0.02),
    /** Capital allocated to one agent, and the most it may have deployed. */
    perAgentMaxPct: Fraction.default(0.1),
    /** Cost of all open positions and working buys of the floor. */
    floorMaxOpenPct: Fraction.default(0.4),
    /** Open in one window, Up and Down together, every agent's. */
    perMarketMaxPct: Fraction.default(0.2),
    /** Open in all windows of one underlying (they move together). */
    perUnderlyingMaxPct: Fraction.default(0.3),
    /** No new orders on market data older than this (or than twice the feed's own cadence, if slower). */
    maxDataAgeSec: z.number().positive().max(3600).default(10),
    /** A buy whose belief exceeds its cost per share after the fee by more than this is refused as implausible. */
    maxEdge: z.number().gt(0).lte(1).default(0.3),
    /** A UTC day's realised loss, as a fraction of the equity it began with: the floor halts until the next UTC day. */
    dailyLossPct: Fraction.default(0.1),
    /** Realised equity this far below its high-water mark halts the floor... */
    drawdownPct: Fraction.default(0.15),
    /** ...for this many hours of floor time, then it resumes with the mark reset to the equity then. */
    drawdownCooldownHours: z.number().positive().max(720).default(24),
    /** This many losing settlements in a row pause an agent... */
    lossStreak: z.number().int().min(1).max(100).default(5),
    /** ...for this many minutes of floor time, then it resumes with its streak cleared. */
    lossStreakCooldownMin: z.number().positive().max(10_080).default(60),
    /** Exchange rejects over orders answered, in the window below, above this: the floor only reduces... */
    errorRatePct: Fraction.default(0.1),
    /** ...judged over this many seconds of floor time... */
    errorWindowSec: z.number().int().min(10).max(86_400).default(300),
    /** ...once the window holds at least this many answered orders; it resumes when the rate falls back. */
    errorMinOrders: z.number().int().min(1).max(100_000).default(20),
    /** An underlying moving more than this (high over low) within the window halts the floor... */
    spotMovePct: Fraction.default(0.1),
    /** ...a window of this many minutes; it resumes once a whole window has passed without such a move. */
    spotMoveWindowMin: z.number().int().min(1).max(1440).default(15),
    /** The venue's per-signer rate tier (its order and cancel token buckets); live: what the venue reports. */
    venueTier: VenueRateTier.default("standard"),
  })
  .strict()
  .superRefine(ordered(["perTradeMaxPct", "perAgentMaxPct"], ["perTradeMaxPct", "perMarketMaxPct"], ["perMarketMaxPct", "perUnderlyingMaxPct"], ["perUnderlyingMaxPct", "floorMaxOpenPct"]));
export type RiskConfig = z.infer<typeof RiskConfig>;
