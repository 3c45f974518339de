import { z } from "zod";
import { ordered } from "../../../protocols/index.ts";
import { mertonUpProbability, upProbability } from "../../../floor/pricing/index.ts";
import {
  emptyTally,
  EwmaVariance,
  fitGarch11,
  garchIntegratedVariance,
  garchNext,
  isJump,
  jumpLaw,
  pushStep,
  stepReturns,
  stepState,
  tally,
  type EwmaVarianceState,
  type Garch11,
  type JumpTally,
  type StepState,
} from "../../../floor/stats/index.ts";
import { defineStrategy, entryParams, type SpotSeries, type View } from "../core/index.ts";

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const FairValueParams = z
  .object({
    /** Seconds of spot history for the realised volatility; it trades once spot spans half of it (sizes its history: a restart). */
    lookbackSec: z.number().int().min(10).max(3600).default(300),
    /**
     * The diffusion's volatility: `realised` over `lookbackSec` (Σ r² over the time spanned), `ewma`
     * (exponentially weighted, half-life `ewmaHalfLifeSec`), or `garch` (GARCH(1,1) fitted at each
     * window's open on the last `garchFitSec`, its integrated variance to the close).
     */
    vol: z.enum(["realised", "ewma", "garch"]).default("realised"),
    /** Half-life of the EWMA variance, seconds (a decay λ per step does not suit irregular ticks: 300 s is λ = 0.9977 a second). */
    ewmaHalfLifeSec: z.number().int().min(10).max(86_400).default(120),
    /** Seconds of spot history GARCH is fitted on, at each window's open (sizes its history). */
    garchFitSec: z.number().int().min(600).max(14_400).default(3600),
    /** GARCH's step, seconds: returns are summed onto this grid (at least the feed's mean tick spacing, which it takes when larger). */
    garchStepSec: z.number().int().min(1).max(300).default(1),
    /** Merton's jump term: returns beyond `jumpSigmas` are jumps, kept out of the diffusion and priced as Poisson jumps of the law they show. */
    jumps: z.boolean().default(false),
    /** A return beyond this many standard deviations of the diffusion (EWMA, over its own span) is a jump. */
    jumpSigmas: z.number().min(3).max(20).default(6),
    ...entryParams({ minEdge: 0.1, kellyFraction: 0.25, entryAfterSec: 0, exitBeforeSec: 5, maxPrice: 0.95, minPrice: 0.05 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type FairValueParams = z.infer<typeof FairValueParams>;

/** Seconds of returns the EWMA must hold before it judges what is a jump. */
const DETECT_AFTER_SEC = 30;
/** Fewest step returns GARCH is fitted on. */
const GARCH_MIN_RETURNS = 120;

/** A jump still inside the spot window: when it ended, and its log size. */
interface Jump {
  ts: number;
  r: number;
}

interface GarchState {
  params: Garch11 | undefined;
  /** Variance of the open step under `params`. */
  h: number;
  step: StepState;
  fits: number;
}

/** What it learns from spot, besides its EWMA (kept in its own object). */
interface Learned {
  /** The last tick (ts undefined before the first). */
  prevTs: number | undefined;
  prevLog: number;
  tally: JumpTally;
  /** Jumps still inside the spot window, and the sum of their squares (out of realised's Σ r²). */
  recent: Jump[];
  recentSq: number;
  garch: GarchState;
}

/** Its saved state: what it learned and its EWMA. */
interface FairValueState extends Learned {
  ewma: EwmaVarianceState;
}

/**
 * Fair value: the informed taker. Its belief is the digital option's price: the chance that spot
 * ends at or above the strike, N(d2) from the current spot, the strike, the time left and a
 * volatility (`vol`: realised, EWMA, or GARCH(1,1)'s forecast over the time left), with Merton's
 * jump term when `jumps` is on (jump rate and size counted from the spot it has seen). Makers who
 * quote around a stale or noisy value leave quotes it can take: it buys whichever side is cheaper
 * than that belief by at least `minEdge` after the taker fee, sized by fractional Kelly. One
 * entry per market window. Per tick it does O(1) work (the EWMA and GARCH recursions); GARCH is
 * refitted once a window, at its open.
 */
export const fairValue = defineStrategy({ name: "fairValue", params: FairValueParams, create: fairValueStrategy });

function fairValueStrategy(p: FairValueParams): View {
  let s = freshState(p);
  const ewma = new EwmaVariance(p.ewmaHalfLifeSec);
  const onStep = (x: number) => {
    const g = s.garch;
    if (g.params) g.h = garchNext(g.params, g.h, x);
  };

  /** The diffusion's variance per second over the `tau` seconds left. */
  function diffusionVariance(spot: SpotSeries, tau: number): number | undefined {
    if (p.vol === "realised") {
      const v = spot.variancePerSec();
      return v === undefined || !p.jumps ? v : Math.max(0, v - s.recentSq / spot.spanSec());
    }
    const g = s.garch;
    if (p.vol === "garch" && g.params) return garchIntegratedVariance(g.params, g.h, tau / (g.step.stepMs / 1000)) / tau;
    return ewma.variancePerSec(); // ewma, and garch until its first fit
  }

  function refit(spot: SpotSeries): void {
    const n = spot.length;
    if (n < 3) return;
    const ts = new Float64Array(n);
    const lp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const pt = spot.at(i);
      ts[i] = pt.ts;
      lp[i] = pt.logPrice;
    }
    const spacingSec = spot.spanSec() / (n - 1);
    const stepSec = Math.max(p.garchStepSec, Math.ceil(spacingSec - 1e-9));
    const jumpAt = new Set(s.recent.map((j) => j.ts));
    const { returns, state } = stepReturns(ts, lp, stepSec * 1000, (i) => jumpAt.has(ts[i]!));
    const g = s.garch;
    const fit = fitGarch11(returns, { minReturns: GARCH_MIN_RETURNS, ...(g.params ? { start: g.params } : {}) });
    if (!fit) return;
    s.garch = { params: { omega: fit.omega, alpha: fit.alpha, beta: fit.beta }, h: fit.hNext, step: state, fits: g.fits + 1 };
  }

  return {
    horizonSec: p.vol === "garch" ? Math.max(p.lookbackSec, p.garchFitSec) : p.lookbackSec,
    ready: (d) => d.spot.length >= 3 && d.spot.spanSec() >= p.lookbackSec / 2,
    onSpot(d, pt) {
      const prevTs = s.prevTs;
      const r = pt.logPrice - s.prevLog;
      s.prevTs = pt.ts;
      s.prevLog = pt.logPrice;
      const garch = p.vol === "garch";
      if (prevTs === undefined) {
        if (garch) pushStep(s.garch.step, pt.ts, 0, onStep);
        return;
      }
      const dt = Math.max(1e-3, (pt.ts - prevTs) / 1000);
      const v = ewma.variancePerSec();
      const jump = p.jumps && v !== undefined && ewma.weightSec() >= DETECT_AFTER_SEC && isJump(r, v, dt, p.jumpSigmas);
      if (p.jumps) tally(s.tally, r, dt, jump);
      if (jump) {
        s.recent.push({ ts: pt.ts, r });
        s.recentSq += r * r;
        ewma.push(Math.sqrt(v! * dt), dt); // a jump says nothing of the diffusion: it counts as an ordinary move
      } else ewma.push(r, dt);
      if (garch) pushStep(s.garch.step, pt.ts, jump ? 0 : r, onStep);
      // Jumps whose return began before the window's first point have left the realised sum.
      const first = d.spot.first()!.ts;
      while (s.recent.length > 0 && s.recent[0]!.ts <= first) {
        const j = s.recent.shift()!;
        s.recentSq = s.recent.length > 0 ? s.recentSq - j.r * j.r : 0;
      }
    },
    onMarket(d, m) {
      if (m && p.vol === "garch") refit(d.spot);
    },
    /** N(d2), or Merton's sum of N(d2)s over the number of jumps, from the spot, the strike, the volatility and the time left. */
    pUp(d, now) {
      const m = d.market;
      if (!m || now >= m.endTs) return undefined;
      const tau = (m.endTs - now) / 1000;
      const v = diffusionVariance(d.spot, tau);
      if (!v) return undefined;
      if (!p.jumps) return upProbability(d.spot.last(), m.strike, Math.sqrt(v), tau);
      const law = jumpLaw(s.tally);
      return mertonUpProbability(d.spot.last(), m.strike, v * tau, law.ratePerSec * tau, law.mean, law.sd);
    },
    describe() {
      const v = ewma.variancePerSec();
      return {
        vol: p.vol,
        ewmaVolAnnual: v === undefined ? null : Math.sqrt(v * 365 * 86_400),
        ...(p.vol === "garch" ? { garch: s.garch.params ?? null, garchFits: s.garch.fits } : {}),
        ...(p.jumps ? { jumpLaw: jumpLaw(s.tally), jumpsSeen: s.tally.count } : {}),
      };
    },
    save: (): FairValueState => ({ ...s, ewma: ewma.save(), tally: { ...s.tally }, recent: s.recent.map((j) => ({ ...j })), garch: { ...s.garch, step: { ...s.garch.step } } }),
    restore(state) {
      const st = state as FairValueState | undefined;
      if (!st) return; // a checkpoint from before it kept any state: it starts afresh
      const { ewma: e, ...learned } = st;
      ewma.restore(e);
      s = { ...learned, tally: { ...st.tally }, recent: st.recent.map((j) => ({ ...j })), garch: { ...st.garch, step: { ...st.garch.step } } };
    },
  };
}

function freshState(p: FairValueParams): Learned {
  return { prevTs: undefined, prevLog: 0, tally: emptyTally(), recent: [], recentSq: 0, garch: { params: undefined, h: 0, step: stepState(p.garchStepSec * 1000), fits: 0 } };
}
