import type { AgentLifecycle, LatencyLeg, OrderEvent, OrderFill, OrderReversal, Settlement } from "../../../protocols/index.ts";
import { boardFill, boardLatency, boardSettle, newBoard, NO_RECORD, touch, type AgentBoard } from "./AgentBoard.ts";
import { unrealizedOf, withFill } from "./holdings.ts";
import { lifeEvent, seenAlive } from "./lifeTime.ts";
import { OrderTimes, type LatencySample } from "./orderTimes.ts";

export interface ScoreboardState {
  boards: Map<string, AgentBoard>;
  floor: AgentBoard;
  times: ReturnType<OrderTimes["save"]>;
}

/**
 * Every agent's board and the floor's, fed by the monitor's routes: fills and settlements move
 * holdings and records (the agent's and the floor's), the order path's steps give latencies,
 * lifecycle facts and allocations give uptime and the equity basis. `markOf` is the Up mid
 * holdings are marked at (undefined: at cost).
 */
export class Scoreboard {
  boards = new Map<string, AgentBoard>();
  floor = newBoard();
  /** The agents whose boards a step must look at: changed, or holding something (the rest cost a step nothing). */
  active = new Set<string>();
  private times = new OrderTimes();

  constructor(private readonly markOf: (marketId: string) => number | undefined) {}

  /** An agent's board, to change: it becomes active. */
  board(agentId: string): AgentBoard {
    let b = this.boards.get(agentId);
    if (!b) this.boards.set(agentId, (b = newBoard()));
    this.active.add(agentId);
    return b;
  }

  orderEvent(e: OrderEvent): void {
    if (e.type === "fill" || e.type === "reversal") this.fill(e);
    else if (e.type === "settle") this.settle(e);
    else this.latency(this.times.answered(e));
  }

  intent(i: Parameters<OrderTimes["intent"]>[0]): void {
    this.latency(this.times.intent(i));
  }

  decision(d: Parameters<OrderTimes["decision"]>[0]): void {
    this.latency(this.times.decision(d));
  }

  life(l: AgentLifecycle): void {
    const b = this.board(l.agentId);
    b.life = lifeEvent(b.life, l.verb, l.ts);
    b.dirty = true;
  }

  seen(agentId: string, ts: number): void {
    const b = this.board(agentId);
    b.life = seenAlive(b.life, ts);
  }

  /** The basis is the first allocation: a later one moves capital, not performance. */
  allocated(agentId: string, capital: number): void {
    const b = this.board(agentId);
    if (b.basis === null && capital > 0) {
      b.basis = capital;
      touch(b);
    }
  }

  unrealized(b: AgentBoard): number {
    let sum = 0;
    for (const [marketId, h] of b.holdings) sum += unrealizedOf(h, this.markOf(marketId));
    return sum;
  }

  /** Open positions (an agent's market) of every agent. */
  openPositions(): number {
    let n = 0;
    for (const b of this.boards.values()) n += b.holdings.size;
    return n;
  }

  /** The boards without their settled windows: they grow with the floor's history, and the ledger holds them (Publisher.loadRecords). */
  save(): ScoreboardState {
    const bare = (b: AgentBoard): AgentBoard => ({ ...b, trades: [], record: NO_RECORD });
    return { boards: new Map([...this.boards].map(([id, b]) => [id, bare(b)])), floor: bare(this.floor), times: this.times.save() };
  }

  restore(s: ScoreboardState): void {
    this.boards = new Map(s.boards);
    this.active = new Set(this.boards.keys());
    this.floor = s.floor;
    this.times.restore(s.times);
  }

  private fill(e: OrderFill | OrderReversal): void {
    boardFill(this.board(e.agentId), e);
    boardFill(this.floor, e);
  }

  /** The agent's holding leaves the floor's too (other agents' in the market stay until their own settlement). */
  private settle(e: Settlement): void {
    const b = this.board(e.agentId);
    const h = b.holdings.get(e.marketId);
    boardSettle(b, e);
    const f = this.floor.holdings.get(e.marketId);
    if (h && f) {
      const left = withFill(withFill(f, { outcome: "Up", cashDelta: 0, sharesDelta: -h.up }), { outcome: "Down", cashDelta: h.cost, sharesDelta: -h.down });
      if (left.up === 0 && left.down === 0) this.floor.holdings.delete(e.marketId);
      else this.floor.holdings.set(e.marketId, left);
    }
    boardSettle(this.floor, e, { keepHolding: true });
  }

  private latency(samples: readonly LatencySample[]): void {
    for (const [agentId, leg, ms] of samples) {
      boardLatency(this.board(agentId), leg as LatencyLeg, ms);
      boardLatency(this.floor, leg, ms);
    }
  }
}
