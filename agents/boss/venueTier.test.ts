import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { RiskConfig, type AuditFact, type IntentFields } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { bossMachine } from "./bossMachine.ts";
import type { Exposure } from "./gate/index.ts";

const M = 1_000_000;
const T0 = Date.UTC(2026, 0, 1);
const x: Exposure = {
  floorCapital: 10_000 * M, allocated: 1_000 * M, agentCash: 1_000 * M, agentOpenCost: 0, floorOpenCost: 0, marketOpenCost: 0, underlyingOpenCost: 0,
  symbol: "BTCUSD", heldShares: 0, minSize: 5 * M, spotAgeMs: 0, bookAgeMs: 0, dataLimitMs: 10_000,
};
const intent = (n: number): IntentFields => ({ intentId: `t1-${n}`, agentId: "t1", marketId: "m1", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10 * M, belief: 0.55 });

function boss(config: object = {}) {
  const actor = createActor(bossMachine, { input: { risk: RiskConfig.parse(config), equity: 10_000 * M, now: T0 } });
  const reasons: Array<string | undefined> = [];
  const audits: AuditFact["detail"][] = [];
  actor.on("publish", (e) => {
    const p = e as PublishEmitted;
    if (p.subject.startsWith("order.decision.")) reasons.push((p.body as { reason?: string }).reason);
    if (p.subject === "audit.venue_tier") audits.push((p.body as { detail: AuditFact["detail"] }).detail);
  });
  actor.start();
  let n = 0;
  const ask = (now: number) => {
    actor.send({ type: "INTENT", intent: intent(++n), exposure: x, now });
    return reasons.at(-1);
  };
  return { actor, audits, ask, book: () => actor.getSnapshot().context.book };
}

describe("the boss follows the venue's rate tier", () => {
  it("resizes its buckets to the reported tier without a fresh burst, and audits the change with the numbers", () => {
    const b = boss();
    for (let k = 0; k < 60; k++) expect(b.ask(T0)).toBeUndefined(); // standard: a burst of 60
    expect(b.ask(T0)).toBe("venue order rate: the signer's bucket is empty (standard: 40/s, burst 60)");
    // Silver at the same instant: the 60 spent stay spent, so the bucket is still empty, now named silver.
    b.actor.send({ type: "VENUE_TIER", tier: "silver", source: "read", now: T0 });
    expect(b.ask(T0)).toBe("venue order rate: the signer's bucket is empty (silver: 200/s, burst 300)");
    expect(b.audits).toEqual([{ from: "standard", to: "silver", source: "read", orderPerSec: 200, orderBurst: 300, orderTokens: 0, cancelPerSec: 400, cancelBurst: 600, cancelTokens: 120 }]);
    // ...and refills at silver's 200/s: one token 5 ms later (standard would need 25 ms).
    expect(b.ask(T0 + 5)).toBeUndefined();
    expect(b.actor.getSnapshot().context.venueTier).toBe("silver");
    b.actor.stop();
  });

  it("cuts the buckets down on a lower tier, and a report of the tier in force changes nothing", () => {
    const b = boss();
    b.actor.send({ type: "VENUE_TIER", tier: "standard", source: "read", now: T0 });
    expect(b.audits).toEqual([]);
    expect(b.book().orders.tokens).toBe(60);
    b.actor.send({ type: "VENUE_TIER", tier: "elite", source: "header", now: T0 + 1000 });
    expect(b.book().orders.tokens).toBe(60); // full at standard: 60 carried, no elite burst of 900
    // 2 s later, copper: elite's refill (600/s) would give 900, capped at copper's burst of 90.
    b.actor.send({ type: "VENUE_TIER", tier: "copper", source: "header", now: T0 + 3_000 });
    expect(b.book()).toMatchObject({ orders: { tokens: 90 }, cancels: { tokens: 180 } });
    expect(b.audits.map((a) => [a.from, a.to, a.orderTokens])).toEqual([["standard", "elite", 60], ["elite", "copper", 90]]);
    b.actor.stop();
  });

  it("with no report (sim and paper: only the live exchange sends one) the configured tier stands", () => {
    const b = boss({ venueTier: "bronze" });
    for (let k = 0; k < 120; k++) expect(b.ask(T0)).toBeUndefined(); // bronze: a burst of 120
    expect(b.ask(T0)).toBe("venue order rate: the signer's bucket is empty (bronze: 80/s, burst 120)");
    expect(b.actor.getSnapshot().context.venueTier).toBeUndefined();
    b.actor.stop();
  });
});
