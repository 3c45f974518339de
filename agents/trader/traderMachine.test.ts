import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import type { PublishEmitted } from "../../floor/host/index.ts";
import type { Signal } from "./core/index.ts";
import { traderMachine, type TraderEvent } from "./traderMachine.ts";

const buy: Signal = { marketId: "m1", tokenId: "11", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10_000_000, belief: 0.6 };
const sell: Signal = { ...buy, side: "SELL", type: "GTC", postOnly: true };

function trader() {
  const actor = createActor(traderMachine, { input: { agentId: "t1" } });
  const out: PublishEmitted[] = [];
  actor.on("publish", (e) => void out.push(e as PublishEmitted));
  actor.start();
  const send = (...events: TraderEvent[]) => events.forEach((e) => actor.send(e));
  return { actor, out, send, state: () => actor.getSnapshot().value };
}

describe("traderMachine", () => {
  it("warms up until it has capital and history, then sends each order as an intent named by its count", () => {
    const t = trader();
    t.send({ type: "WARM" });
    expect(t.state()).toBe("warmingUp");
    t.send({ type: "ALLOCATE", capital: 1_000_000_000 });
    expect(t.state()).toBe("trading");
    t.send({ type: "ORDER", order: buy, perWindow: 1 });
    expect(t.out).toEqual([{ type: "publish", subject: "order.intent.t1", body: { ...buy, intentId: "t1-m1-e1", agentId: "t1" } }]);
  });
  it("names on the intent the market-data message the order reacts to, when there is one (the monitor's latency)", () => {
    const t = trader();
    t.send({ type: "ALLOCATE", capital: 1 }, { type: "WARM" }, { type: "ORDER", order: buy, tick: { id: "feed.1.42", ts: 1_000 } }, { type: "ORDER", order: buy });
    expect(t.out.map((o) => o.body.tick)).toEqual([{ id: "feed.1.42", ts: 1_000 }, undefined]);
    expect("tick" in t.out[1]!.body).toBe(false);
  });
  it("holds a strategy's entry limit per window (remembered in its snapshot), and no limit when none is given", () => {
    const t = trader();
    t.send({ type: "ALLOCATE", capital: 1 }, { type: "WARM" }, { type: "ORDER", order: buy, perWindow: 1 }, { type: "ORDER", order: buy, perWindow: 1 });
    expect(t.out).toHaveLength(1);
    t.send({ type: "ORDER", order: { ...buy, marketId: "m2" }, perWindow: 1 }, { type: "ORDER", order: buy }, { type: "ORDER", order: buy });
    expect(t.out.map((o) => (o.body as { intentId: string }).intentId)).toEqual(["t1-m1-e1", "t1-m2-e2", "t1-m1-e3", "t1-m1-e4"]);
    expect(t.actor.getSnapshot().context.placed).toEqual([["m2", 1], ["m1", 3]]);
  });
  it("reducing: takes working orders back and then sends only sells", () => {
    const t = trader();
    t.send({ type: "ALLOCATE", capital: 1 }, { type: "WARM" }, { type: "REDUCE", reason: "drawdown" });
    expect(t.state()).toBe("reducing");
    t.send({ type: "ORDER", order: buy }, { type: "ORDER", order: sell });
    expect(t.out.map((o) => [o.subject, (o.body as { reason?: string; side?: string }).reason ?? (o.body as { side: string }).side])).toEqual([
      ["order.cancel.t1", "reducing: drawdown"],
      ["order.intent.t1", "SELL"],
    ]);
    t.send({ type: "RESUME" });
    expect(t.state()).toBe("trading");
  });
  it("halted: by a halt only, cancels everything, ignores pause and reduce, and leaves only on resume", () => {
    const t = trader();
    t.send({ type: "ALLOCATE", capital: 1 }, { type: "WARM" }, { type: "HALT", reason: "audit violation" });
    expect(t.state()).toBe("halted");
    expect(t.out).toEqual([{ type: "publish", subject: "order.cancel.t1", body: { agentId: "t1", reason: "halted: audit violation" } }]);
    expect(t.actor.getSnapshot().context.lastReason).toBe("halted: audit violation");
    t.send({ type: "PAUSE" }, { type: "REDUCE" }, { type: "ORDER", order: sell });
    expect(t.state()).toBe("halted");
    expect(t.out).toHaveLength(1);
    t.send({ type: "RESUME" });
    expect(t.state()).toBe("trading");
  });
  it("paused sends nothing; a cancel request passes in any state; retired is final and takes everything back", () => {
    const t = trader();
    t.send({ type: "ALLOCATE", capital: 1 }, { type: "WARM" }, { type: "PAUSE" }, { type: "ORDER", order: buy }, { type: "CANCEL", marketId: "m1", intentId: "t1-m1-e9", reason: "requote" });
    expect(t.out.map((o) => o.body)).toEqual([{ agentId: "t1", reason: "paused" }, { agentId: "t1", marketId: "m1", intentId: "t1-m1-e9", reason: "requote" }]);
    t.send({ type: "RETIRE", reason: "killed" });
    expect(t.actor.getSnapshot().status).toBe("done");
    expect(t.out.at(-1)?.body).toEqual({ agentId: "t1", reason: "retired: killed" });
  });
});
