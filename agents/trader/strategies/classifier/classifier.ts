import { z } from "zod";
import { ordered } from "../../../../protocols/index.ts";
import { defineStrategy, entryParams, updatable, type MarketData, type View } from "../../core/index.ts";
import { extractFeatures, MAX_LAG_SEC, N_FEATURES } from "./extractFeatures.ts";
import { fitModel, probability, type FitReport, type Model } from "./fitModel.ts";
import { SampleStore } from "./SampleStore.ts";
import { trainingWindows } from "./trainingWindows.ts";
import type { WindowSamples } from "./WindowSamples.ts";

/** Its parameters; `updatable` ones apply to a running trader (training ones at its next fit), the others restart it. */
export const ClassifierParams = z
  .object({
    /** Seconds of spot history kept: the realised volatility is measured over it (sizes its history: a restart). */
    volLookbackSec: z.number().int().min(MAX_LAG_SEC + 60).max(3600).default(600),
    /** A training sample (the feature vector) every this many seconds of each window it follows. */
    sampleEverySec: updatable(z.number().int().min(10).max(600).default(60)),
    /** It trains on the newest this many usable windows... */
    trainWindows: updatable(z.number().int().min(8).max(500).default(96)),
    /** ...and has no belief at all until this many are usable. */
    minTrainWindows: updatable(z.number().int().min(4).max(500).default(24)),
    /** A window is used only once it ended at least this long before the fit (and between fit and calibration windows). */
    embargoSec: updatable(z.number().int().min(0).max(21_600).default(900)),
    /** The newest share of the training windows held out to calibrate the probabilities on (Platt scaling). */
    calibFraction: updatable(z.number().min(0.1).max(0.5).default(0.25)),
    /** The smallest L2 penalty on the standardised weights tried at each fit (×1, ×10, ×100, ×1000: the held-out slice picks), in windows' worth of log loss. */
    l2: updatable(z.number().min(1e-4).max(100).default(0.3)),
    /** How strongly the calibration is pulled to the identity, in windows. */
    calibPrior: updatable(z.number().min(0).max(100).default(2)),
    ...entryParams({ minEdge: 0.05, kellyFraction: 0.25, entryAfterSec: 60, exitBeforeSec: 60, maxPrice: 0.9, minPrice: 0.1 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"], ["minTrainWindows", "trainWindows"]));
export type ClassifierParams = z.infer<typeof ClassifierParams>;

/** The windows kept beyond `trainWindows`: those still inside the embargo (shortest windows: 5 minutes) and a margin. */
const keptWindows = (p: ClassifierParams) => p.trainWindows + Math.ceil(p.embargoSec / 300) + 8;

/** The last fit: when, on which windows, and how its calibration slice scored. */
export interface LastFit extends FitReport {
  at: number;
  fitIds: string[];
  calibIds: string[];
}

interface ClassifierState {
  windows: WindowSamples[];
  model: Model | null;
  nextSampleAt: number;
  fitKey: string;
  fits: number;
  last: LastFit | null;
}

/** The classifier's view, with what a test (or `describe`) may ask of its training. */
export interface ClassifierView extends View {
  describe(): Record<string, unknown>;
  lastFit(): LastFit | null;
  samples(): readonly WindowSamples[];
}

/**
 * Classifier: the probabilistic-arbitrage seed's "Model B". A regularised logistic model of the
 * chance a window resolves Up, on features known at decision time (returns over three lags in
 * volatility units, realised volatility, distance to the strike in volatility units, time left,
 * book imbalance and spread: extractFeatures.ts). It learns inside the floor from the windows
 * it follows: a feature snapshot every `sampleEverySec`, labelled when the window resolves.
 * At each window open it refits walk-forward on the newest `trainWindows` windows that resolved
 * and ended at least `embargoSec` before (purged, embargoed: trainingWindows.ts), calibrating
 * on the newest of them held out (Platt scaling). Until `minTrainWindows` are usable it has no
 * belief: it neither trades nor publishes. Then it buys whichever side is cheaper than its
 * belief by `minEdge` after the taker fee, sized by fractional Kelly, once per window.
 */
export const classifier = defineStrategy({ name: "classifier", params: ClassifierParams, create: classifierStrategy });

export function classifierStrategy(p: ClassifierParams): ClassifierView {
  const store = new SampleStore();
  let model: Model | null = null;
  /** The next sample time in the window followed: half an interval in, then every interval (so the window's book is there). */
  let nextSampleAt = 0;
  /** What the current model was fitted on (a fit is repeated only when that changes). */
  let fitKey = "";
  let fits = 0;
  let last: LastFit | null = null;
  const x = new Float64Array(N_FEATURES);
  const scratch = new Float64Array(N_FEATURES);

  /** Refit walk-forward at `at` when new windows became usable since the last fit. */
  function retrain(at: number): void {
    const set = trainingWindows(store.all(), at, p);
    if (set.fit.length === 0 || set.fit.length + set.calib.length < p.minTrainWindows) return;
    const key = `${set.fit.length}/${set.calib.length}/${set.calib[set.calib.length - 1]!.marketId}/${set.fit[0]!.marketId}`;
    if (key === fitKey) return;
    const r = fitModel(set, p);
    model = r.model;
    fitKey = key;
    fits++;
    last = { at, ...r.report, fitIds: set.fit.map((w) => w.marketId), calibIds: set.calib.map((w) => w.marketId) };
  }

  return {
    horizonSec: p.volLookbackSec,
    ready: (d) => model !== null && d.spot.spanSec() >= MAX_LAG_SEC,
    pUp(d, now) {
      if (!model || !extractFeatures(d, now, x)) return undefined;
      return probability(model, x, scratch);
    },
    onMarket(_d, m) {
      if (!m) return;
      store.open(m);
      store.prune(keptWindows(p));
      nextSampleAt = m.startTs + (p.sampleEverySec * 1000) / 2;
      // The model fitted now is used from the window's start: a window trained on ends an embargo before it.
      retrain(m.startTs);
    },
    onSpot(d, pt) {
      const m = d.market;
      if (!m || pt.ts < nextSampleAt || pt.ts >= m.endTs) return;
      if (extractFeatures(d, pt.ts, x)) store.add(m.marketId, x);
      const every = p.sampleEverySec * 1000;
      const first = m.startTs + every / 2;
      nextSampleAt = first + (Math.floor((pt.ts - first) / every) + 1) * every;
    },
    onResolved(_d: MarketData, marketId, outcome) {
      store.label(marketId, outcome === "Up");
    },
    lastFit: () => last,
    samples: () => store.all(),
    describe() {
      const c = store.counts();
      return {
        trained: model !== null,
        fits,
        windowsKept: c.windows,
        windowsLabelled: c.labelled,
        samplesKept: c.samples,
        ...(last ? { lastFitAt: last.at, l2: last.l2, fitWindows: last.fitWindows, fitSamples: last.fitSamples, calibWindows: last.calibWindows, calibBrierRaw: last.rawBrier, calibBrier: last.calibratedBrier } : {}),
        ...(model ? { platt: model.platt } : {}),
      };
    },
    save: (): ClassifierState => ({ windows: store.save(), model: model && copyModel(model), nextSampleAt, fitKey, fits, last: last && { ...last, fitIds: [...last.fitIds], calibIds: [...last.calibIds] } }),
    restore(state) {
      const st = state as ClassifierState;
      store.restore(st.windows);
      model = st.model && copyModel(st.model);
      nextSampleAt = st.nextSampleAt;
      fitKey = st.fitKey;
      fits = st.fits;
      last = st.last && { ...st.last, fitIds: [...st.last.fitIds], calibIds: [...st.last.calibIds] };
    },
  };
}

function copyModel(m: Model): Model {
  return { scaler: { mean: [...m.scaler.mean], sd: [...m.scaler.sd], clip: m.scaler.clip }, w: [...m.w], b: m.b, platt: { ...m.platt } };
}
