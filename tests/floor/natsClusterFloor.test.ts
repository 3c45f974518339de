/**
 * A whole floor failing over when its NATS node dies. Parked in tests/pending/ while a live delivery
 * lost in the failover could leave a booked fact without its audit record (1 failure in 14 runs);
 * in the suite again with durable subscriptions, which read the stored subjects back from the
 * stream. Durable consumers on an R3 stream replicate every ack, so the run takes longer than on
 * core subscriptions (about 40 s against 15 s on a loaded two-core machine): hence the time limit.
 */
import { expect, it } from "vitest";
import { NatsBus } from "../../floor/bus/index.ts";
import { agentFileSchema, loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { openDb, verifyFloor } from "../../state/index.ts";
import { describeNatsServer, uniquePrefix } from "../helpers/nats.ts";
import { clusterAndTmp, storedOnceReady } from "../helpers/natsCluster.ts";

const HOURS = 1;
const RUN_MS = HOURS * 3_600_000;
/** Floor seconds (steps) after which the connection's node is killed: a third of the way. */
const KILL_AT_STEP = RUN_MS / 1000 / 3;
const log = createLogger({ level: "silent" });
/** The auditor's audit_log kinds that record a message of a stored family (order.intent, order.decision, order.event, audit). */
const FAMILY_OF_KIND: Record<string, string> = {
  intent: "order.intent",
  approved: "order.decision",
  rejected: "order.decision",
  order_ack: "order.event",
  order_fill: "order.event",
  order_cancel: "order.event",
  order_settle: "order.event",
  order_reject: "order.event",
  order_reversal: "order.event",
  deposit: "audit",
  transfer: "audit",
};
const familyOf = (subject: string) => (subject.startsWith("audit.") ? "audit" : subject.split(".").slice(0, 2).join("."));
const tally = (keys: string[]) => keys.reduce<Record<string, number>>((t, k) => ({ ...t, [k]: (t[k] ?? 0) + 1 }), {});
/** Six momentum traders, so the run has order traffic on several subjects at once. */
const TRADERS = Array.from({ length: 6 }, (_, i) => agentFileSchema().parse({ id: `m${i + 1}`, kind: "trader", strategy: "momentum", params: { lookbackSec: 30 + 20 * i } }));

describeNatsServer("a sim floor on a three-node NATS cluster whose node dies", () => {
  const { cluster: running, tmp } = clusterAndTmp("nats-cluster-floor");

  it("fails over to another node, completes its run, and JetStream kept every order event the ledger booked", async () => {
    const bus = await NatsBus.connect({ url: running().urls, replicas: 3, prefix: uniquePrefix("clf"), warn: () => undefined });
    const dbPath = tmp.path("floor.db");
    const first = bus.status.server!;
    let kill: Promise<void> | undefined;
    let killedAt = 0;
    try {
      const status = await runFloor({
        config: { ...loadFloorConfig(undefined), agents: TRADERS },
        bus,
        dbPath,
        seed: 5,
        speed: "max",
        untilMs: RUN_MS,
        log,
        statusEveryMs: 50,
        onStatus: (s) => {
          if (kill || s.steps < KILL_AT_STEP) return;
          killedAt = s.floorTime ?? 0;
          kill = running().kill(first);
        },
      });
      await kill;
      expect(killedAt, "the node was killed mid-run").toBeGreaterThan(0);
      // The floor reconnected to another node and went on to the end.
      expect(bus.status.reconnects).toBeGreaterThanOrEqual(1);
      expect(bus.status.server).not.toBe(first);
      expect(status.steps).toBeGreaterThanOrEqual(RUN_MS / 1000);
      expect(status.marketsSettled).toBe(HOURS * 4);
      expect(bus.status.outbox).toMatchObject({ pending: 0, failed: 0 });

      const stored = await storedOnceReady(bus, "order.>");
      const audits = await storedOnceReady(bus, "audit.>");
      const ids = [...stored, ...audits].map((m) => m.msgId);
      expect(new Set(ids).size, "no message stored twice").toBe(ids.length);
      const events = stored.filter((m) => m.subject.startsWith("order.event.")).map((m) => JSON.parse(m.data) as { type: string; fillId?: string; intentId: string });
      const storedFills = new Set(events.filter((e) => e.type === "fill").map((e) => e.fillId));
      const storedIntents = new Set(events.map((e) => e.intentId));

      const db = openDb(dbPath, { readonly: true });
      try {
        const fills = db.prepare("SELECT fill_id AS id, ts FROM fills").all() as Array<{ id: string; ts: number }>;
        const orders = db.prepare("SELECT intent_id AS id FROM orders").all() as Array<{ id: string }>;
        // Fills on both sides of the kill, so the check covers what the outbox sent before and after it.
        expect(fills.filter((f) => f.ts < killedAt).length).toBeGreaterThan(0);
        expect(fills.filter((f) => f.ts > killedAt).length).toBeGreaterThan(0);
        expect(fills.map((f) => f.id).filter((id) => !storedFills.has(id)), "fills the stream lost").toEqual([]);
        expect(storedFills.size).toBe(fills.length);
        expect(orders.map((o) => o.id).filter((id) => !storedIntents.has(id)), "orders without a stored event").toEqual([]);
        // Each message the auditor recorded from the bus is in the stream: per family, no fewer stored than recorded.
        const kinds = db.prepare("SELECT kind FROM audit_log").all() as Array<{ kind: string }>;
        const recorded = tally(kinds.flatMap((r) => (FAMILY_OF_KIND[r.kind] ? [FAMILY_OF_KIND[r.kind]!] : [])));
        const inStream = tally([...stored, ...audits].map((m) => familyOf(m.subject)));
        expect(Object.keys(recorded).sort()).toEqual(["audit", "order.decision", "order.event", "order.intent"]);
        for (const [family, n] of Object.entries(recorded)) expect(inStream[family] ?? 0, `${family} in the stream`).toBeGreaterThanOrEqual(n);
        const verdict = verifyFloor(db, dbPath);
        expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
        expect(verdict.ok).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      await bus.close();
    }
  }, 180_000);
});
