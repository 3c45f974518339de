import type { LatencyLeg, OrderFill, OrderReversal, Settlement } from "../../../protocols/index.ts";
import { drawdownOf, tradeFigures, type ClosedTrade, type Drawdown, type TradeFigures } from "../../../floor/stats/index.ts";
import { appendPoint, curveDue, newCurve, type EquityCurve } from "./equityCurve.ts";
import { withFill, type Holding } from "./holdings.ts";
import { newLatencyWindow, pushLatency, type LatencyWindow } from "./latencyWindow.ts";
import { NOT_SEEN, type LifeTime } from "./lifeTime.ts";

/** The settled windows kept per agent for its trade figures (the latest; the score's totals count them all). */
export const MAX_TRADES = 2_000;

/**
 * What the monitor keeps of one agent (or of the floor) beside its actor's score: open holdings
 * by market, notional traded, the latest settled windows, the equity curve, latency windows,
 * its life, and when it was last published. Every update is O(1) but a settlement's (which
 * recomputes the trade figures once) and a curve point's (the drawdown once).
 */
export interface AgentBoard {
  holdings: Map<string, Holding>;
  turnover: number;
  trades: ClosedTrade[];
  record: TradeFigures;
  /** The capital equity is measured from: the agent's first allocation, the floor's deposits; null until known. */
  basis: number | null;
  curve: EquityCurve;
  /** The curve's drawdown as of its last point, and its running peak. */
  drawdown: Omit<Drawdown, "curve">;
  peak: number;
  latency: Partial<Record<LatencyLeg, LatencyWindow>>;
  life: LifeTime;
  lastPublished: number;
  /** Something changed since the last publish (or the last curve point: `moved`). */
  dirty: boolean;
  moved: boolean;
}

export const NO_RECORD = tradeFigures([]);

export function newBoard(): AgentBoard {
  return { holdings: new Map(), turnover: 0, trades: [], record: NO_RECORD, basis: null, curve: newCurve(), drawdown: { max: 0, maxAt: null, longestMs: 0 }, peak: 0, latency: {}, life: NOT_SEEN, lastPublished: -Infinity, dirty: true, moved: true };
}

export function touch(b: AgentBoard): void {
  b.dirty = true;
  b.moved = true;
}

/** A fill or a reversal: the holding moves; a fill adds its notional (price × size) to the turnover. */
export function boardFill(b: AgentBoard, e: OrderFill | OrderReversal): void {
  const h = withFill(b.holdings.get(e.marketId), e);
  if (h.up === 0 && h.down === 0 && h.cost === 0) b.holdings.delete(e.marketId);
  else b.holdings.set(e.marketId, h);
  if (e.type === "fill") b.turnover += Math.round((e.price * e.size) / 1_000_000);
  touch(b);
}

/** A settled window: the holding is gone, and the window joins the record (its cost: payout − pnl, as the ledger settled it). */
export function boardSettle(b: AgentBoard, e: Pick<Settlement, "marketId" | "payout" | "pnl" | "ts">, opts: { keepHolding?: boolean; refigure?: boolean } = {}): void {
  if (!opts.keepHolding) b.holdings.delete(e.marketId);
  b.trades.push({ ts: e.ts, pnl: e.pnl, cost: e.payout - e.pnl });
  if (b.trades.length > MAX_TRADES) b.trades.splice(0, b.trades.length - MAX_TRADES);
  if (opts.refigure !== false) refigure(b);
  touch(b);
}

/** The trade figures of the record kept (after a settlement; once after many, on a reload). */
export function refigure(b: AgentBoard): void {
  b.record = tradeFigures(b.trades);
}

export function boardLatency(b: AgentBoard, leg: LatencyLeg, ms: number): void {
  pushLatency((b.latency[leg] ??= newLatencyWindow()), ms);
  b.dirty = true;
}

/** Add a curve point when one is due and the equity may have moved; true when one was added. */
export function samplePoint(b: AgentBoard, ts: number, equity: number | null): boolean {
  if (equity === null || !(b.moved || b.holdings.size > 0) || !curveDue(b.curve, ts)) return false;
  if (b.curve.points.length === 0 && !(equity > 0)) return false; // a curve starts above 0 (drawdownOf)
  appendPoint(b.curve, { ts, equity });
  const { curve: _curve, ...drawdown } = drawdownOf(b.curve.points);
  b.drawdown = drawdown;
  b.peak = Math.max(b.peak, equity);
  b.moved = false;
  return true;
}

/** The fall below the running peak now (a fraction), with the current equity counted. */
export const currentDrawdown = (b: AgentBoard, equity: number | null): number => {
  const peak = Math.max(b.peak, equity ?? 0);
  return equity === null || !(peak > 0) ? 0 : Math.max(0, (peak - equity) / peak);
};
