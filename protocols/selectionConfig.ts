import { z } from "zod";

/**
 * The `selection:` section of config/floor.yaml: when the boss judges a trader, when it kills or
 * clones it, and how it shares capital among the living. Statistics are per trade (a trade's
 * return is its P&L over the cost at risk). Formulas: ../shared/reference/anchors.md §6;
 * the numbers behind the defaults: research-2026-12.md §1 and §2.
 */
export const SelectionConfig = z
  .object({
    /** Floor seconds between two reviews: each judges every live trader, kills, clones and moves capital. */
    reviewEverySec: z.number().int().min(60).max(7 * 86_400).default(3600),
    /** The most traders alive at once: no clone beyond it. */
    maxTraders: z.number().int().min(1).max(10_000).default(24),
    /** The most clones the boss may bear in one UTC day of floor time. */
    birthsPerDay: z.number().int().min(0).max(1000).default(4),
    /** A clone's parameters are each scaled by a factor within 1 ± this (clamped to their schema's bounds). */
    cloneScale: z.number().gt(0).max(1).default(0.1),
    /** No kill and no clone before this many trades, whatever MinTRL says: skew and kurtosis need data too. */
    minTrades: z.number().int().min(2).max(100_000).default(100),
    /** Nor before MinTRL: the length at which the record's Sharpe ratio, good or bad, is significant at this level. */
    alpha: z.number().gt(0).max(0.5).default(0.05),
    /** Kill when the probabilistic Sharpe ratio (that the true SR is above 0) falls below this. */
    psrKill: z.number().gt(0).lt(0.5).default(0.05),
    /** Clone when the deflated Sharpe ratio, over every variant ever tried, reaches this (the DSR paper's 95%). */
    dsrClone: z.number().gt(0.5).lt(1).default(0.95),
    /**
     * Kill when the agent's equity has fallen this far from its own peak. Loose on purpose: with a
     * true 5-point edge at quarter Kelly (1.7% a trade) the median worst drawdown over 1,000 trades
     * is 29% and 3% of such agents pass 50%, while a fee-paying coin flipper's median is 63%
     * (simulated, 4,000 runs). PSR judges the edge; this stops a disaster.
     */
    maxDrawdown: z.number().gt(0).lte(1).default(0.5),
    /** Edge decay: trades per batch; the CUSUM runs on batch means, whose noise is √batch smaller. */
    decayBatch: z.number().int().min(1).max(1000).default(50),
    /** Edge decay: the first this many trades give the baseline mean and sd the later batches are compared with. */
    decayBaselineTrades: z.number().int().min(10).max(100_000).default(500),
    /** Edge decay: CUSUM slack, in sd of a batch's difference from the baseline (0.75 is tuned to a 1.5σ fall). */
    decayK: z.number().min(0).max(5).default(0.75),
    /**
     * Edge decay: CUSUM decision interval. With these four defaults a steady edge like the oracle's
     * (SR 0.32 a trade) is falsely flagged in 2.6% of 1,890-trade weeks (200, 25, 0.5, 5 with the
     * old z: about 21%), and caught by the week's end in 99.9% when it falls to 0 at the start of
     * day 4 (tests/boss/edgeDecayCalibration.test.ts; docs/BOSS.md, "Edge decay").
     */
    decayH: z.number().gt(0).max(50).default(5),
    /** A newborn (fewer trades than this) gets the probation allocation instead of a share by edge. */
    probationTrades: z.number().int().min(0).max(100_000).default(50),
    /** The probation allocation, as a fraction of floor capital (the per-agent cap still applies). */
    probationPct: z.number().gt(0).lte(1).default(0.02),
    /** Shrinkage toward equal weights: an agent's weight on its own edge is n/(n + this), n its trades. */
    shrinkTrades: z.number().int().min(1).max(1_000_000).default(500),
  })
  .strict()
  .refine((s) => s.decayBaselineTrades >= 2 * s.decayBatch, { path: ["decayBaselineTrades"], message: "decayBaselineTrades must be at least two batches (2 × decayBatch)" });
export type SelectionConfig = z.infer<typeof SelectionConfig>;
