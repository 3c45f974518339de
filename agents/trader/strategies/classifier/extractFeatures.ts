import { MICRO } from "../../../../protocols/index.ts";
import type { MarketData } from "../../core/index.ts";

/** The lags (seconds) of the return features: the spot history must reach back to the longest. */
export const LAGS_SEC = [30, 120, 300] as const;
export const MAX_LAG_SEC = Math.max(...LAGS_SEC);

/** What the model sees, in this order. */
export const FEATURES = ["ret30", "ret120", "ret300", "logVol15m", "zStrike", "timeLeft", "imbalance", "spread"] as const;
export const N_FEATURES = FEATURES.length;

/** |distance to the strike| in volatility units is capped here (the last seconds of a window divide by ~0). */
const Z_CAP = 10;

/**
 * The feature vector at `now`, from what is known then (spot up to its latest tick, the book as
 * last seen, the window's strike and end), written into `out`; false when it cannot be formed
 * (no window, no volatility yet, spot not reaching back `MAX_LAG_SEC`). O(log n): three binary
 * searches of the spot history; no allocation.
 * - ret30, ret120, ret300: log returns over those lags, in units of the realised volatility over
 *   the lag (r / σ√lag), so a regime of high volatility does not read as a strong trend;
 * - logVol15m: log of the realised volatility over a 15-minute horizon, σ√900 (σ per √second over
 *   the spot history kept);
 * - zStrike: distance to the strike in volatility units over the time left, ln(S/K) / σ√τ
 *   (the d2 of a driftless digital option), capped at ±10;
 * - timeLeft: the fraction of the window left, τ / (end − start);
 * - imbalance: (bid size − ask size) / (bid size + ask size) at the top of the Up book (0 without one);
 * - spread: ask − bid in probability units (1 when a side is missing).
 */
export function extractFeatures(d: MarketData, now: number, out: Float64Array): boolean {
  const m = d.market;
  if (!m || now >= m.endTs) return false;
  const variance = d.spot.variancePerSec();
  if (!variance || !(variance > 0)) return false;
  const sigma = Math.sqrt(variance);
  for (let i = 0; i < LAGS_SEC.length; i++) {
    const lag = LAGS_SEC[i]!;
    const r = d.spot.returnOver(lag);
    if (r === undefined) return false;
    out[i] = r / (sigma * Math.sqrt(lag));
  }
  const tau = Math.max(1, (m.endTs - now) / 1000);
  const z = Math.log(d.spot.last() / m.strike) / (sigma * Math.sqrt(tau));
  out[3] = Math.log(sigma * Math.sqrt(900));
  out[4] = Math.max(-Z_CAP, Math.min(Z_CAP, z));
  out[5] = tau / Math.max(1, (m.endTs - m.startTs) / 1000);
  const b = d.book;
  const depth = b ? b.bidSize + b.askSize : 0;
  out[6] = b && depth > 0 ? (b.bidSize - b.askSize) / depth : 0;
  out[7] = b && b.bid !== undefined && b.ask !== undefined ? (b.ask - b.bid) / MICRO : 1;
  return Number.isFinite(out[4]!) && Number.isFinite(out[3]!);
}
