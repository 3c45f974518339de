import { describe, expect, it } from "vitest";
import { MICRO } from "../../../protocols/index.ts";
import { mertonUpProbability, upProbability } from "../../../floor/pricing/index.ts";
import { createRng } from "../../../floor/random/createRng.ts";
import { garchIntegratedVariance, garchNext, simulateGarch11, type Garch11 } from "../../../floor/stats/index.ts";
import { strategyCore, type MarketView, type Strategy } from "../core/index.ts";
import { fairValue, FairValueParams } from "./fairValue.ts";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const ACCOUNT = { cash: 1_000 * MICRO, capital: 1_000 * MICRO, mode: "trading" as const };
const FEE = { rate: 0.07, exponent: 1, takerOnly: true };

function trader(params: Partial<FairValueParams> = {}) {
  const p = FairValueParams.parse(params);
  return strategyCore("fairValue", fairValue.create(p), p);
}

/** A 15-minute window opening at `startTs` with its strike. */
const market = (startTs: number, strike: number, id = `m${startTs}`): MarketView => ({ marketId: id, upTokenId: `${id}-up`, downTokenId: `${id}-down`, strike, startTs, endTs: startTs + 900_000, fee: FEE, tickSize: 10_000, minSize: 5 * MICRO });

/**
 * A scripted spot path, one tick a second from `ts`: each return is ± `sigma` (alternating), so
 * the realised variance per second is exactly sigma²; `jumps` adds a log move at chosen seconds.
 */
function walk(traders: Strategy[], from: { ts: number; logPrice: number }, seconds: number, sigma: number, jumps: Record<number, number> = {}) {
  let { ts, logPrice } = from;
  for (let i = 1; i <= seconds; i++) {
    ts += 1000;
    logPrice += (i % 2 === 0 ? sigma : -sigma) + (jumps[i] ?? 0);
    for (const t of traders) t.onSpot(Math.exp(logPrice), ts);
  }
  return { ts, logPrice };
}

describe("fairValue: its volatility", () => {
  it("realised, without jumps, is the N(d2) of the realised volatility it always was", () => {
    const t = trader({ vol: "realised", lookbackSec: 300 });
    const end = walk([t], { ts: T0, logPrice: Math.log(95_000) }, 600, 1e-4);
    const m = market(end.ts, 95_000 * Math.exp(-0.001));
    t.onMarket(m);
    // Σ r² over the 300 s the window spans: 300 returns of 1e−4
    expect(t.belief(end.ts)!.pUp).toBeCloseTo(upProbability(Math.exp(end.logPrice), m.strike, 1e-4, 900), 12);
  });

  it("EWMA: the same distance to the strike reads further from 0.5 after a calm spell than after a volatile one", () => {
    const t = trader({ vol: "ewma", ewmaHalfLifeSec: 300 });
    const calm = walk([t], { ts: T0, logPrice: Math.log(95_000) }, 3600, 5e-5);
    t.onMarket(market(calm.ts, Math.exp(calm.logPrice - 0.001)));
    const pCalm = t.belief(calm.ts + 600_000)!.pUp; // 300 s left, spot 0.1% above the strike
    // an hour of calm: the EWMA holds exactly 5e−5 a second
    expect(pCalm).toBeCloseTo(upProbability(Math.exp(0.001), 1, 5e-5, 300), 9);

    const busy = walk([t], calm, 1200, 2e-4); // four half-lives of a volatility four times higher
    t.onMarket(market(busy.ts, Math.exp(busy.logPrice - 0.001)));
    const pBusy = t.belief(busy.ts + 600_000)!.pUp;
    expect(pCalm).toBeGreaterThan(0.85);
    expect(pBusy).toBeGreaterThan(0.5);
    expect(pCalm - 0.5).toBeGreaterThan(pBusy - 0.5 + 0.2);
    // the EWMA has moved 15/16 of the way to the new variance: (1/16)·(5e−5)² + (15/16)·(2e−4)²
    const v = (1 / 16) * 2.5e-9 + (15 / 16) * 4e-8;
    expect(pBusy).toBeCloseTo(upProbability(Math.exp(0.001), 1, Math.sqrt(v), 300), 3);
  });

  it("GARCH: refitted at each window's open (never per tick), it recovers a simulated series' parameters and forecasts over the time left", () => {
    // Four hours of per-second GARCH returns: long-run variance 7e−9 a second (about 47% a year)
    const truth: Garch11 = { omega: 7e-9 * 0.02, alpha: 0.05, beta: 0.93 };
    const returns = simulateGarch11(truth, 14_400, createRng("fairValue-garch"));
    const t = trader({ vol: "garch", garchFitSec: 14_400, garchStepSec: 1 });
    let lp = Math.log(95_000);
    let ts = T0;
    t.onSpot(95_000, ts);
    for (const r of returns) {
      lp += r;
      ts += 1000;
      t.onSpot(Math.exp(lp), ts);
    }
    expect(t.describe()).toMatchObject({ garchFits: 0 });
    // before any fit it prices on its EWMA: a belief all the same
    expect(t.ready()).toBe(true);
    const m = market(ts, Math.exp(lp - 0.001));
    t.onMarket(m);
    const fit = t.describe().garch as Garch11;
    expect(t.describe()).toMatchObject({ garchFits: 1 });
    expect(Math.abs(fit.alpha - truth.alpha)).toBeLessThan(0.02);
    expect(Math.abs(fit.beta - truth.beta)).toBeLessThan(0.03);
    expect(fit.omega / (1 - fit.alpha - fit.beta) / 7e-9).toBeGreaterThan(0.85);
    expect(fit.omega / (1 - fit.alpha - fit.beta) / 7e-9).toBeLessThan(1.15);

    // Ticks after the fit run the recursion, O(1) each, without refitting.
    const h0 = (t.save() as { view: { garch: { h: number } } }).view.garch.h;
    let h = h0;
    const more = [3e-4, -1e-4, 2e-5];
    for (const r of more) {
      lp += r;
      ts += 1000;
      t.onSpot(Math.exp(lp), ts);
    }
    // ticks on the second: each opens a step holding its return, the next closes it; so these three
    // close the step open at the fit (the history's last return) and the first two of them
    for (const x of [returns.at(-1)!, 3e-4, -1e-4]) h = garchNext(fit, h, x);
    const st = (t.save() as { view: { garch: { h: number } } }).view.garch;
    expect(st.h / h).toBeCloseTo(1, 10);
    expect(t.describe()).toMatchObject({ garchFits: 1 });
    // the belief: N(d2) with the integrated variance to the close
    const tau = (m.endTs - ts) / 1000;
    const iv = garchIntegratedVariance(fit, h, tau);
    expect(t.belief(ts)!.pUp).toBeCloseTo(upProbability(Math.exp(lp), m.strike, Math.sqrt(iv / tau), tau), 12);
    t.onMarket(market(ts + 1000, Math.exp(lp), "next"));
    expect(t.describe()).toMatchObject({ garchFits: 2 });
  });

  it("GARCH steps at the feed's cadence when ticks are sparser than its step (one-minute candles)", () => {
    const t = trader({ vol: "garch", garchFitSec: 14_400, garchStepSec: 1 });
    const rng = createRng("fairValue-candles");
    let lp = Math.log(95_000);
    for (let i = 0; i <= 240; i++) {
      lp += 6e-4 * rng.normal();
      t.onSpot(Math.exp(lp), T0 + i * 60_000);
    }
    t.onMarket(market(T0 + 240 * 60_000, Math.exp(lp)));
    expect(t.describe()).toMatchObject({ garchFits: 1 });
    const st = (t.save() as { view: { garch: { step: { stepMs: number } } } }).view.garch;
    expect(st.step.stepMs).toBe(60_000);
  });
});

describe("fairValue: Merton's jump term", () => {
  const SIGMA = 8e-5;
  /** Four hours of calm with a 1% jump every 40 minutes, the last more than two hours before the end. */
  const JUMPS = { 1200: 0.01, 3600: -0.01, 6000: 0.01 };

  it("keeps a jump out of the diffusion's variance (the EWMA without the term takes it in)", () => {
    const plain = trader({ vol: "ewma", ewmaHalfLifeSec: 600 });
    const jumpy = trader({ vol: "ewma", ewmaHalfLifeSec: 600, jumps: true });
    walk([plain, jumpy], { ts: T0, logPrice: Math.log(95_000) }, 1201, SIGMA, { 1200: 0.006 });
    const vol = (t: Strategy) => t.describe().ewmaVolAnnual as number;
    const calm = SIGMA * Math.sqrt(365 * 86_400);
    expect(vol(jumpy) / calm).toBeCloseTo(1, 6);
    expect(vol(plain) / calm).toBeGreaterThan(3); // one 75σ move in 20 minutes' worth of weight
    expect(jumpy.describe()).toMatchObject({ jumpsSeen: 1 });
  });

  it("with jumps on, a far strike's belief is less extreme: the chance of a jump in the time left", () => {
    const plain = trader({ vol: "ewma", ewmaHalfLifeSec: 300 });
    const jumpy = trader({ vol: "ewma", ewmaHalfLifeSec: 300, jumps: true });
    const end = walk([plain, jumpy], { ts: T0, logPrice: Math.log(95_000) }, 14_400, SIGMA, JUMPS);
    const m = market(end.ts, Math.exp(end.logPrice - 0.008)); // 0.8% under spot: 3.3σ of the diffusion over 900 s
    plain.onMarket(m);
    jumpy.onMarket(m);
    const pPlain = plain.belief(end.ts)!.pUp;
    const pJumpy = jumpy.belief(end.ts)!.pUp;
    // the plain EWMA has long forgotten the jumps (28 half-lives): both diffusions read the calm σ
    expect(pPlain).toBeCloseTo(upProbability(Math.exp(0.008), 1, SIGMA, 900), 6);
    expect(pPlain).toBeGreaterThan(0.9995);
    // three jumps in four hours, of about ±1%: a 17% chance of one in 15 minutes, half of them down
    const law = jumpy.describe().jumpLaw as { ratePerSec: number; mean: number; sd: number };
    expect(law.ratePerSec).toBeCloseTo(3 / 14_399, 12); // 14,399 returns of a second each
    expect(law.sd).toBeCloseTo(0.01, 3);
    expect(pJumpy).toBeCloseTo(mertonUpProbability(Math.exp(0.008), 1, SIGMA * SIGMA * 900, law.ratePerSec * 900, law.mean, law.sd), 9);
    expect(pJumpy).toBeLessThan(pPlain - 0.03);
    expect(pJumpy).toBeGreaterThan(0.9);
    // at the strike itself the term changes next to nothing
    const atm = market(end.ts, Math.exp(end.logPrice), "atm");
    plain.onMarket(atm);
    jumpy.onMarket(atm);
    expect(Math.abs(jumpy.belief(end.ts)!.pUp - plain.belief(end.ts)!.pUp)).toBeLessThan(0.01);
  });

  it("realised volatility with jumps on leaves the jumps inside its window out of Σ r²", () => {
    const plain = trader({ vol: "realised", lookbackSec: 600 });
    const jumpy = trader({ vol: "realised", lookbackSec: 600, jumps: true });
    const end = walk([plain, jumpy], { ts: T0, logPrice: Math.log(95_000) }, 3600, SIGMA, { 3300: 0.006 });
    const m = market(end.ts, Math.exp(end.logPrice - 0.002));
    plain.onMarket(m);
    jumpy.onMarket(m);
    const law = jumpy.describe().jumpLaw as { ratePerSec: number; mean: number; sd: number };
    // 600 returns of σ in the window but the jump's, which goes out whole: 599σ² over 600 s
    expect(jumpy.belief(end.ts)!.pUp).toBeCloseTo(mertonUpProbability(Math.exp(0.002), 1, ((SIGMA * SIGMA * 599) / 600) * 900, law.ratePerSec * 900, law.mean, law.sd), 6);
    expect(plain.belief(end.ts)!.pUp).toBeLessThan(jumpy.belief(end.ts)!.pUp - 0.1); // the jump inflates the plain σ
    // once the jump leaves the 600 s window, the two diffusions agree again
    walk([plain, jumpy], end, 700, SIGMA);
    expect((jumpy.save() as { view: { recent: unknown[] } }).view.recent).toHaveLength(0);
  });
});

describe("fairValue: trading on its belief", () => {
  /** A trader whose belief is exactly N(0.001 / (1e−4·√τ)) (realised, no jumps), at `tau` seconds left. */
  function setUp(minEdge: number) {
    const t = trader({ vol: "ewma", ewmaHalfLifeSec: 300, minEdge, maxPrice: 0.99, minPrice: 0.01 });
    const end = walk([t], { ts: T0, logPrice: Math.log(95_000) }, 1800, 1e-4);
    const m = market(end.ts - 300_000, Math.exp(end.logPrice - 0.001));
    t.onMarket(m);
    const belief = upProbability(Math.exp(0.001), 1, 1e-4, 600);
    expect(t.belief(end.ts)!.pUp).toBeCloseTo(belief, 9);
    return { t, m, now: end.ts, belief };
  }
  const edgeAt = (belief: number, ask: number) => belief - ask - 0.07 * ask * (1 - ask);

  it("buys only when the edge after the fee clears minEdge", () => {
    const probe = setUp(0);
    const ask = Math.floor((probe.belief - 0.02) * 100) / 100; // a tick with a little edge left after the fee
    const edge = edgeAt(probe.belief, ask);
    expect(edge).toBeGreaterThan(0);
    expect(probe.belief - ask).toBeGreaterThan(edge + 0.01); // the fee is worth more than a point here

    // minEdge just above the edge this ask leaves: nothing; a tick cheaper clears it
    const { t, m, now } = setUp(edge + 0.002);
    t.onBook(m.marketId, { bid: Math.round((ask - 0.05) * MICRO), ask: Math.round(ask * MICRO), bidSize: 100 * MICRO, askSize: 100 * MICRO, ts: now });
    expect(t.decide(now, ACCOUNT)).toEqual([]);
    t.onBook(m.marketId, { bid: Math.round((ask - 0.05) * MICRO), ask: Math.round((ask - 0.01) * MICRO), bidSize: 100 * MICRO, askSize: 100 * MICRO, ts: now });
    const acts = t.decide(now, ACCOUNT);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ type: "order", order: { outcome: "Up", side: "BUY", price: Math.round((ask - 0.01) * MICRO) } });
  });

  it("buys Down when the book prices Up above its belief, and never on an edge the fee eats", () => {
    const { t, m, now, belief } = setUp(0.01);
    // bid 3 points above the belief: Down at 1 − bid is 3 points cheap, 1.6 after the fee
    const bid = Math.ceil((belief + 0.03) * 100) / 100;
    t.onBook(m.marketId, { bid: Math.round(bid * MICRO), ask: Math.round((bid + 0.01) * MICRO), bidSize: 100 * MICRO, askSize: 100 * MICRO, ts: now });
    expect(t.decide(now, ACCOUNT)[0]).toMatchObject({ type: "order", order: { outcome: "Down", price: Math.round((1 - bid) * MICRO) } });
    const fresh = setUp(0);
    const thin = Math.ceil((belief - 0.01) * 100) / 100; // at most a point of edge before the fee (1.6 points at these prices)
    fresh.t.onBook(m.marketId, { bid: Math.round((thin - 0.05) * MICRO), ask: Math.round(thin * MICRO), bidSize: 100 * MICRO, askSize: 100 * MICRO, ts: now });
    expect(edgeAt(belief, thin)).toBeLessThan(0);
    expect(fresh.t.decide(now, ACCOUNT)).toEqual([]);
  });
});

describe("fairValue: save and restore", () => {
  it("a restored trader continues exactly as one never stopped (GARCH, jumps, EWMA)", () => {
    const params = { vol: "garch" as const, garchFitSec: 3600, jumps: true };
    const a = trader(params);
    const rng = createRng("fairValue-resume");
    let lp = Math.log(95_000);
    let ts = T0;
    const tick = (ts_: number, lp_: number, ...ts2: Strategy[]) => ts2.forEach((t) => t.onSpot(Math.exp(lp_), ts_));
    for (let i = 0; i < 5400; i++) {
      ts += 1000;
      lp += 9e-5 * rng.normal() + (i % 1500 === 700 ? 0.005 : 0);
      tick(ts, lp, a);
    }
    a.onMarket(market(ts, Math.exp(lp)));
    const b = trader(params);
    b.restore(JSON.parse(JSON.stringify(a.save())));
    for (let i = 0; i < 600; i++) {
      ts += 1000;
      lp += 9e-5 * rng.normal() + (i === 300 ? -0.005 : 0);
      tick(ts, lp, a, b);
    }
    const next = market(ts, Math.exp(lp - 0.001), "after");
    a.onMarket(next);
    b.onMarket(next);
    expect(b.belief(ts + 60_000)).toEqual(a.belief(ts + 60_000));
    expect(b.save()).toEqual(a.save());
    expect(a.describe()).toMatchObject({ garchFits: 2, jumpsSeen: 5 }); // four jumps before the copy, one after
    // a checkpoint from before the view kept state restores to a fresh view
    const old = trader(params);
    old.restore({ ...(a.save() as object), view: undefined });
    expect(old.describe()).toMatchObject({ garchFits: 0 });
  });
});
