import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LocalBus } from "../../floor/bus/index.ts";
import type { SimClock } from "../../floor/clock/index.ts";
import type { AuditFact, OrderDecision } from "../../protocols/index.ts";
import { addCash, cashOf, recordDeath, registerAgent, setAgentState, type Db } from "../../state/index.ts";
import { bossHarness, type BossHarness } from "../../tests/helpers/bossHarness.ts";

const T0 = Date.UTC(2026, 0, 1);
const UP = "1".repeat(77);
let h: BossHarness, db: Db, bus: LocalBus, clock: SimClock, decisions: OrderDecision[], audits: AuditFact[], send: BossHarness["send"];

const book = () => send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 490_000, size: 100_000_000 }], asks: [{ price: 510_000, size: 100_000_000 }], tickSize: 10_000, minSize: 5_000_000 });
const spot = () => send("md.spot.BTCUSD", { symbol: "BTCUSD", price: 95_000_000_000 });
const intent = (n: number) =>
  send("order.intent.t1", { intentId: `t1-${n}`, agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FAK", price: 510_000, size: 10_000_000, belief: 0.6 });

beforeEach(async () => {
  h = bossHarness("boss", T0);
  ({ db, bus, clock, decisions, audits, send } = h);
  await h.start("t1");
});
afterEach(() => h.stop());

describe("boss moving money", () => {
  it("audits the deposit and each transfer with the amounts the ledger booked, once", async () => {
    send("floor.life.restarted", { verb: "restarted", agentId: "t1", kind: "trader" }); // re-announced, not moved again
    await bus.idle();
    const cash = db.prepare("SELECT agent_id AS agentId, delta_micro AS amount, reason FROM cash ORDER BY seq").all();
    expect(cash).toEqual([
      { agentId: "floor", amount: 10_000_000_000, reason: "deposit" },
      { agentId: "floor", amount: -1_000_000_000, reason: "allocate" },
      { agentId: "t1", amount: 1_000_000_000, reason: "allocate" },
    ]);
    expect(audits.map((a) => [a.kind, a.detail])).toEqual([
      ["deposit", { agentId: "floor", amount: 10_000_000_000, ref: "initial capital" }],
      ["transfer", { from: "floor", to: "t1", amount: 1_000_000_000, ref: "allocate-t1" }],
    ]);
  });
});

describe("boss on stale data", () => {
  it("refuses new orders when the feed goes quiet, and trades again once data flows", async () => {
    spot();
    book();
    intent(1);
    await bus.idle();
    clock.advanceTo(T0 + 15_000); // the feed has said nothing for 15 s
    intent(2);
    await bus.idle();
    book();
    spot();
    intent(3);
    await bus.idle();
    expect(decisions.map((d) => [d.intent.intentId, d.approved, d.reason])).toEqual([
      ["t1-1", true, undefined],
      ["t1-2", false, "stale market data: book 15.0 s old (limit 10.0 s)"],
      ["t1-3", true, undefined],
    ]);
  });

  it("judges staleness against the cadence a feed announces (1-minute candles are fresh at 30 s)", async () => {
    send("md.health.replay", { source: "replay", status: "ok", subject: "BTCUSD", expectedIntervalMs: 60_000 });
    spot();
    book();
    clock.advanceTo(T0 + 30_000);
    intent(1);
    await bus.idle();
    clock.advanceTo(T0 + 121_000);
    intent(2);
    await bus.idle();
    expect(decisions.map((d) => d.approved)).toEqual([true, false]);
    expect(decisions[1]?.reason).toMatch(/limit 120\.0 s/);
  });
});

const transfers = () => audits.filter((a) => a.kind === "transfer").map((a) => a.detail);
/** The supervisor's part in t1's end (a retirement, or a failure past its restart intensity), as the registry and the bus see it. */
function end(verb: "retired" | "failed", reason: string, at: number): void {
  registerAgent(db, { agentId: "t1", kind: "trader", config: {}, state: "trading", ts: T0, origin: "command" });
  clock.advanceTo(at);
  recordDeath(db, "t1", reason, at);
  setAgentState(db, "t1", verb);
  send(`floor.life.${verb}`, { verb, agentId: "t1", kind: "trader", by: "tester", reason });
}

describe("boss and a retired trader's money", () => {
  const ALLOC = 1_000_000_000;
  const cashRows = (agentId: string) => db.prepare("SELECT delta_micro AS amount, reason, ref, ts FROM cash WHERE agent_id = ? ORDER BY seq").all(agentId);
  const retire = (at: number) => end("retired", "enough", at);
  const settle = (payout: number, marketId = "m1") => {
    addCash(db, "t1", payout, "settle", `settle-t1-${marketId}`, clock.now()); // as the exchange books it
    send("order.event.t1", { agentId: "t1", intentId: `settle-${marketId}`, type: "settle", marketId, winner: "Up", upShares: payout, downShares: 0, payout, pnl: payout - 100_000_000 });
  };

  it("returns what a trader holds to the floor when it retires, and audits the transfer", async () => {
    addCash(db, "t1", -250_000_000, "fill", "fill-1", T0); // it spent some on a position
    retire(T0 + 60_000);
    await bus.idle();
    const ref = `return-t1@${T0 + 60_000}`;
    expect(cashOf(db, "t1")).toBe(0);
    expect(cashOf(db, "floor")).toBe(10_000_000_000 - 250_000_000);
    expect(cashRows("t1").at(-1)).toEqual({ amount: -750_000_000, reason: "allocate", ref, ts: T0 + 60_000 });
    expect(cashRows("floor").at(-1)).toEqual({ amount: 750_000_000, reason: "allocate", ref, ts: T0 + 60_000 });
    expect(transfers().at(-1)).toEqual({ from: "t1", to: "floor", amount: 750_000_000, ref, reason: "retired: enough" });
  });

  it("moves nothing for a retired trader with nothing left, or for another kind", async () => {
    addCash(db, "t1", -ALLOC, "fill", "fill-1", T0);
    retire(T0 + 60_000);
    send("floor.life.retired", { verb: "retired", agentId: "m9", kind: "monitor" });
    await bus.idle();
    expect(transfers()).toHaveLength(1); // the allocation only
  });

  it("sweeps each payout of a retired trader back to the floor as its positions settle", async () => {
    retire(T0 + 60_000);
    await bus.idle();
    clock.advanceTo(T0 + 900_000);
    settle(180_000_000);
    await bus.idle();
    const ref = `return-t1@${T0 + 900_000}-m1`;
    expect(cashOf(db, "t1")).toBe(0);
    expect(cashRows("t1").at(-1)).toEqual({ amount: -180_000_000, reason: "allocate", ref, ts: T0 + 900_000 });
    expect(transfers().at(-1)).toEqual({ from: "t1", to: "floor", amount: 180_000_000, ref, reason: "payout of m1 to a retired agent" });
    expect(cashOf(db, "floor")).toBe(10_000_000_000 + 180_000_000);
  });

  it("leaves a living trader's payouts with it", async () => {
    registerAgent(db, { agentId: "t1", kind: "trader", config: {}, state: "trading", ts: T0, origin: "command" });
    settle(180_000_000);
    await bus.idle();
    expect(cashOf(db, "t1")).toBe(ALLOC + 180_000_000);
    expect(transfers()).toHaveLength(1);
  });

  it("allocates afresh, under a new ref, to a retired id born again", async () => {
    const ctl: Array<{ capital?: number }> = [];
    bus.subscribe("ctl.t1.allocate", (m) => void ctl.push(JSON.parse(m.data) as { capital?: number }));
    retire(T0 + 60_000);
    await bus.idle();
    expect(cashOf(db, "t1")).toBe(0);
    clock.advanceTo(T0 + 120_000);
    send("floor.life.spawn", { verb: "spawn", agentId: "t1", kind: "trader", reborn: true });
    await bus.idle();
    const ref = `allocate-t1@${T0 + 120_000}`;
    expect(cashOf(db, "t1")).toBe(ALLOC);
    expect(cashRows("t1").at(-1)).toEqual({ amount: ALLOC, reason: "allocate", ref, ts: T0 + 120_000 });
    expect(transfers().map((t) => t.ref)).toEqual(["allocate-t1", `return-t1@${T0 + 60_000}`, ref]);
    expect(ctl.at(-1)).toMatchObject({ verb: "allocate", capital: ALLOC, src: "boss" });
  });
});

describe("boss and a failed trader's money", () => {
  const fail = (at: number) => end("failed", "restart intensity exceeded", at);

  it("returns a failed trader's cash to the floor at once, then each payout as its positions settle, each transfer audited with why", async () => {
    addCash(db, "t1", -300_000_000, "fill", "fill-1", T0); // a position it holds when it fails
    fail(T0 + 5_000);
    await bus.idle();
    expect(cashOf(db, "t1")).toBe(0);
    expect(cashOf(db, "floor")).toBe(10_000_000_000 - 300_000_000);
    expect(transfers().at(-1)).toEqual({ from: "t1", to: "floor", amount: 700_000_000, ref: `return-t1@${T0 + 5_000}`, reason: "failed: restart intensity exceeded" });
    clock.advanceTo(T0 + 900_000);
    addCash(db, "t1", 450_000_000, "settle", "settle-t1-m1", clock.now()); // it won: the exchange pays it
    send("order.event.t1", { agentId: "t1", intentId: "settle-m1", type: "settle", marketId: "m1", winner: "Up", upShares: 450_000_000, downShares: 0, payout: 450_000_000, pnl: 150_000_000 });
    await bus.idle();
    expect(cashOf(db, "t1")).toBe(0);
    expect(cashOf(db, "floor")).toBe(10_000_000_000 + 150_000_000);
    expect(transfers().at(-1)).toEqual({ from: "t1", to: "floor", amount: 450_000_000, ref: `return-t1@${T0 + 900_000}-m1`, reason: "payout of m1 to a failed agent" });
  });
});
