// Against a nats-server running the documented authorization config (config/nats/floor-auth.conf):
// the server refuses what a role may not publish, and the refusal is audited, never silent.
import { expect, it } from "vitest";
import type { NatsBus } from "../../floor/bus/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { auditBusViolations } from "../../floor/runner/auditBusViolations.ts";
import { openDb } from "../../state/index.ts";
import { waitFor, within } from "../bus/busContract.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { authServerBuses } from "./authServerBuses.ts";

const M = 1_000_000;
const UP = "1".repeat(77);
const envelope = (src: string, body: object) => JSON.stringify({ v: 1, id: `${src}.7.${Math.random()}`, ts: Date.UTC(2026, 0, 1), src, ...body });
const forgedDecision = envelope("boss", {
  intent: { intentId: "momentum-1-x", agentId: "momentum-1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FOK", price: 990_000, size: 5_000 * M, belief: 0.99 },
  approved: true,
});

describeNatsServer("bus permissions on a server with config/nats/floor-auth.conf", () => {
  const { as, settle } = authServerBuses();
  /** What the floor's identity receives on `pattern`. */
  const listen = (bus: NatsBus, ...patterns: string[]) => {
    const got: string[] = [];
    for (const p of patterns) bus.subscribe(p, (m) => void got.push(m.subject));
    return got;
  };
  const FLOOR_SUBJECTS = ["md.>", "order.>", "ctl.>", "hb.*"];

  it("refuses a trader identity's order.decision (the forged 5,000 shares at 0.99), and the trader's floor audits the attempt", async () => {
    const tmp = tmpDir("perm");
    const db = openDb(tmp.path("trader.db"));
    try {
      const floor = await as("floor");
      const decisions = listen(floor, "order.>");
      await settle(floor);
      const trader = await as("trader-momentum-1");
      const stop = auditBusViolations(trader, db, { now: () => Date.UTC(2026, 0, 1) }, createLogger({ level: "silent" }));
      trader.publish("order.decision.momentum-1", forgedDecision);
      await within(trader.idle(), 10_000, "the refused publish to settle");
      await waitFor(() => trader.status.violations >= 1, 5000, "the server's permissions violation");
      // The trader may still publish its own intents: they arrive, the decision never did.
      trader.publish("order.intent.momentum-1", envelope("momentum-1", {}));
      await waitFor(() => decisions.length >= 1, 5000, "the trader's intent at the floor");
      expect(decisions).toEqual(["order.intent.momentum-1"]);
      expect(trader.status.outbox).toMatchObject({ failed: 1, pending: 0 }); // refused for good, not retried forever
      stop();
      const rows = db.prepare("SELECT kind, severity, src, subject, detail_json FROM audit_log").all() as Array<{ kind: string; severity: string; src: string; subject: string; detail_json: string }>;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "violation", severity: "violation", src: "bus", subject: "order.decision.momentum-1" });
      expect(JSON.parse(rows[0]!.detail_json)).toMatchObject({ rule: "server_permissions", operation: "publish" });
    } finally {
      db.close();
      tmp.remove();
    }
  });

  it("refuses a forged md.book and a forged ctl.<id>.allocate from a trader identity", async () => {
    const floor = await as("floor");
    const got = listen(floor, ...FLOOR_SUBJECTS);
    await settle(floor);
    const seen: string[] = [];
    const trader = await as("trader-momentum-1", { onViolation: (v) => void seen.push(`${v.operation} ${v.subject}`) });
    trader.onViolation((v) => void seen.push(`listener ${v.subject}`));
    trader.publish("md.book.m1", envelope("feed", { marketId: "m1", tokenId: UP, bids: [], asks: [{ price: 20_000, size: 1000 * M }], tickSize: 10_000, minSize: 5 * M }));
    trader.publish("ctl.momentum-1.allocate", envelope("boss", { verb: "allocate", capital: 1_000_000 * M }));
    trader.publish("hb.momentum-1", envelope("momentum-1", { state: "trading", seq: 1 }));
    await waitFor(() => got.includes("hb.momentum-1"), 5000, "the trader's heartbeat at the floor");
    await waitFor(() => trader.status.violations >= 2, 5000, "two permissions violations");
    expect(got.filter((s) => s !== "hb.barrier")).toEqual(["hb.momentum-1"]);
    expect(seen).toEqual(["publish md.book.m1", "listener md.book.m1", "publish ctl.momentum-1.allocate", "listener ctl.momentum-1.allocate"]);
  });

  it("lets the boss decide and control, and the feed publish market data", async () => {
    const floor = await as("floor");
    const got = listen(floor, ...FLOOR_SUBJECTS);
    await settle(floor);
    const boss = await as("boss");
    const feed = await as("feed");
    boss.publish("order.decision.momentum-1", forgedDecision);
    boss.publish("ctl.momentum-1.allocate", envelope("boss", { verb: "allocate", capital: 200 * M }));
    feed.publish("md.book.m1", envelope("feed", {}));
    await within(boss.idle(), 10_000, "boss idle");
    await waitFor(() => got.length >= 4, 5000, "three messages");
    expect(got.filter((s) => s !== "hb.barrier").sort()).toEqual(["ctl.momentum-1.allocate", "md.book.m1", "order.decision.momentum-1"]);
    expect(boss.status.violations + feed.status.violations).toBe(0);
    expect(boss.status).toMatchObject({ auth: "user", authRequired: true });
  });
});
