import { FLOOR_METRICS_ID, subjects } from "../../../protocols/index.ts";
import { addEquityPoint, listPositions, readAgentMetrics, readEquityCurve, saveAgentMetrics, settlementsSince } from "../../../state/index.ts";
import { drawdownOf, type ClosedTrade } from "../../../floor/stats/index.ts";
import type { AgentContext } from "../../../floor/host/index.ts";
import { forecastFigures, type ForecastFigures, type ForecastScore } from "../forecastScore.ts";
import type { MonitorContext } from "../monitorMachine.ts";
import { EMPTY_SCORE } from "../score.ts";
import { MAX_TRADES, refigure, samplePoint, type AgentBoard } from "./AgentBoard.ts";
import { CURVE_CAP } from "./equityCurve.ts";
import { withFill } from "./holdings.ts";
import { boardFigures, equityOf } from "./metricsBody.ts";
import type { Scoreboard } from "./Scoreboard.ts";
import { sentBodyJson } from "./sentBodyJson.ts";

/** Floor ms between two publishes of one agent's metrics, at most (a settlement publishes at once). */
export const PUBLISH_EVERY_MS = 10_000;

/** Figures per score: a score is replaced, never changed, when a window resolves, and publishes come far oftener. */
const figured = new WeakMap<ForecastScore, ForecastFigures>();
function figuresOf(s: ForecastScore): ForecastFigures {
  let f = figured.get(s);
  if (f === undefined) figured.set(s, (f = forecastFigures(s)));
  return f;
}

/**
 * When and what the monitor publishes: on each step, a curve point for every board that is due
 * one, and the metrics of every board that changed (an open holding always may have) and was
 * not published in the last PUBLISH_EVERY_MS; at once when asked (a settlement, a resolution).
 * Each publish is also the agent's row in `agent_metrics`, each point one in `equity_points`.
 */
export class Publisher {
  constructor(private readonly ctx: AgentContext, private readonly board: Scoreboard) {}

  tick(now: number): void {
    const c = this.ctx.context<MonitorContext>();
    for (const id of this.board.active) {
      const b = this.board.boards.get(id)!;
      // Nothing held and nothing new (or no curve it could add to): no step looks at it until it changes.
      if (this.step(c, id, b, now)) this.board.active.delete(id);
    }
    this.step(c, FLOOR_METRICS_ID, this.board.floor, now);
  }

  now(agentId: string, now: number): void {
    const b = agentId === FLOOR_METRICS_ID ? this.board.floor : this.board.board(agentId);
    this.publish(this.ctx.context<MonitorContext>(), agentId, b, now, this.board.unrealized(b));
  }

  /** Sample and publish what is due; true when the board is at rest (nothing held, nothing to publish or sample). */
  private step(c: MonitorContext | undefined, id: string, b: AgentBoard, now: number): boolean {
    const open = b.holdings.size > 0;
    const unrealized = open ? this.board.unrealized(b) : 0;
    if (open) b.dirty = true; // its marks may have moved
    const equity = equityOf(b, (c?.scores[id] ?? EMPTY_SCORE).realizedPnl, unrealized);
    if (samplePoint(b, now, equity)) addEquityPoint(this.ctx.db, id, now, equity!);
    if (b.dirty && now - b.lastPublished >= PUBLISH_EVERY_MS) this.publish(c, id, b, now, unrealized);
    return !open && !b.dirty && (!b.moved || equity === null);
  }

  private publish(c: MonitorContext | undefined, id: string, b: AgentBoard, now: number, unrealized: number): void {
    const score = c?.scores[id] ?? EMPTY_SCORE;
    const forecast = c?.forecasts?.[id];
    const isFloor = id === FLOOR_METRICS_ID;
    const figures = boardFigures(b, score, unrealized, isFloor ? this.board.openPositions() : b.holdings.size, now);
    if (isFloor) figures.restarts = [...this.board.boards.values()].reduce((n, x) => n + x.life.restarts, 0);
    const body = { agentId: id, ...score, ...(forecast ? { forecast: figuresOf(forecast) } : {}), ...figures };
    const sent = this.ctx.publish(subjects.metrics(id), body);
    saveAgentMetrics(this.ctx.db, id, now, body, sentBodyJson(sent, body));
    b.lastPublished = now;
    b.dirty = false;
  }

  /**
   * After a restart without the monitor's checkpoint (paper, live, a lost checkpoint): the boards
   * from the database. Holdings from the ledger's positions, the record from its settlements, the
   * basis and turnover from the last metrics published, the curve from its points. Latencies start afresh.
   */
  reload(): void {
    const db = this.ctx.db;
    for (const id of this.board.boards.keys()) this.board.active.add(id);
    const boardOf = (id: string) => (id === FLOOR_METRICS_ID ? this.board.floor : this.board.board(id));
    for (const [id, { metrics: m }] of readAgentMetrics(db)) {
      const b = boardOf(id);
      if (typeof m.equity === "number" && typeof m.pnl === "number") b.basis = m.equity - m.pnl;
      if (typeof m.turnover === "number") b.turnover = m.turnover;
      const points = readEquityCurve(db, id, CURVE_CAP);
      if (points.length === 0 || !(points[0]!.equity > 0)) continue;
      b.curve.points = points;
      const { curve: _c, ...dd } = drawdownOf(points);
      b.drawdown = dd;
      b.peak = Math.max(...points.map((p) => p.equity));
    }
    this.loadRecords();
    for (const p of listPositions(db)) {
      const fill = { outcome: p.outcome, cashDelta: -p.cost, sharesDelta: p.shares };
      for (const b of [boardOf(p.agentId), this.board.floor]) b.holdings.set(p.marketId, withFill(b.holdings.get(p.marketId), fill));
    }
  }

  /**
   * Each agent's last MAX_TRADES settled windows, and the floor's, from the ledger's settlements (a
   * checkpoint does not carry them: the ledger it was committed with has them, to the row).
   */
  loadRecords(): void {
    const all = settlementsSince(this.ctx.db, 0).map((s) => ({ agentId: s.agentId, trade: { ts: s.ts, pnl: s.pnl, cost: s.cost } }));
    const byAgent = new Map<string, ClosedTrade[]>();
    for (const { agentId, trade } of all) {
      const list = byAgent.get(agentId);
      if (list) list.push(trade);
      else byAgent.set(agentId, [trade]);
    }
    for (const [id, trades] of byAgent) {
      const b = id === FLOOR_METRICS_ID ? this.board.floor : this.board.board(id);
      b.trades = trades.slice(-MAX_TRADES);
      refigure(b);
    }
    this.board.floor.trades = all.slice(-MAX_TRADES).map((x) => x.trade);
    refigure(this.board.floor);
  }
}
