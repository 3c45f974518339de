import { afterAll, describe, expect, it } from "vitest";
import { LocalBus, NatsBus, streamNameFor, type Bus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor, type LiveStatus } from "../../floor/runner/index.ts";
import type { BookSnapshot } from "../../protocols/index.ts";
import { openDb, verifyAudit } from "../../state/index.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const M = 1_000_000;
const HOUR = 3_600_000;
const TRADER = "momentum-1";
const tmp = tmpDir("spoof");
afterAll(() => tmp.remove());

/**
 * The hole: on a bus without per-agent credentials (the in-process bus, an open NATS server) a
 * message's `src` is whatever its publisher writes, and the exchange acts on any decision whose
 * src says "boss" (floor/host/fromBoss.ts). Half an hour into a sim floor, the test publishes on
 * the floor's own bus a decision "from the boss" approving a FAK buy of 2000 shares for
 * momentum-1 at the best ask: about $1000, five times the per-trade cap of 2% of $10,000. The boss
 * never saw it; the exchange places and fills it.
 */
async function spoofedRun(name: string, bus: Bus): Promise<{ status: LiveStatus; db: string; spoof: { marketId: string; price: number }; halts: Array<{ subject: string; src: string; reason?: string }> }> {
  const db = tmp.path(`${name}.db`);
  const halts: Array<{ subject: string; src: string; reason?: string }> = [];
  bus.subscribe("ctl.*.halt", (m) => {
    const c = JSON.parse(m.data) as { src: string; reason?: string };
    halts.push({ subject: m.subject, src: c.src, ...(c.reason ? { reason: c.reason } : {}) });
  });
  let first: number | undefined;
  let spoof: { marketId: string; price: number } | undefined;
  bus.subscribe("md.book.*", (m) => {
    const b = JSON.parse(m.data) as BookSnapshot;
    first ??= b.ts;
    const ask = Math.min(...b.asks.map((l) => l.price));
    if (spoof || b.ts < first + HOUR / 2 || !Number.isFinite(ask)) return;
    spoof = { marketId: b.marketId, price: ask };
    const intent = { intentId: "spoofed-1", agentId: TRADER, marketId: b.marketId, tokenId: b.tokenId, outcome: "Up", side: "BUY", type: "FAK", price: ask, size: 2000 * M, belief: 0.6 };
    bus.publish(`order.decision.${TRADER}`, JSON.stringify({ v: 1, id: "spoof.1", ts: b.ts, src: "boss", approved: true, intent }));
  });
  try {
    // Two more hours after the spoof: the boss's reviews and breakers run, and none lifts the halt.
    const status = await runFloor({ config: loadFloorConfig(undefined), bus, dbPath: db, seed: 7, speed: "max", untilMs: 3 * HOUR, log: createLogger({ level: "silent" }) });
    if (!spoof) throw new Error("no book to spoof an order on");
    return { status, db, spoof, halts };
  } finally {
    await bus.close();
  }
}

function caught(name: string, r: Awaited<ReturnType<typeof spoofedRun>>): void {
  const db = openDb(r.db, { readonly: true });
  try {
    const rows = db.prepare("SELECT src, detail_json AS d FROM audit_log WHERE kind = 'violation'").all() as Array<{ src: string; d: string }>;
    const details = rows.map((x) => ({ src: x.src, ...(JSON.parse(x.d) as Record<string, unknown>) }));
    // Recorded once, by the auditor, naming the rule, the agent and the figures: the cap ($200) and the order's cost.
    const cost = (2000 * r.spoof.price) + Math.round((2000 * 0.07 * (r.spoof.price / M) * (1 - r.spoof.price / M)) * 1e5) * 10;
    expect(details).toEqual([
      expect.objectContaining({ src: "auditor", rule: "limit.perTrade", agentId: TRADER, allowed: 200 * M, actual: cost, intentId: "spoofed-1", marketId: r.spoof.marketId }),
    ]);
    // The exchange did place and fill it: the hole is real.
    expect((db.prepare("SELECT filled_micro AS f FROM orders WHERE intent_id = 'spoofed-1'").get() as { f: number }).f).toBeGreaterThan(0);
    // The auditor halted the trader, and the boss (which only may lift it) left it halted to the end.
    expect(r.halts).toEqual([{ subject: `ctl.${TRADER}.halt`, src: "auditor", reason: expect.stringMatching(/^audit violation limit\.perTrade: order cost \d+ over the limit 200000000$/) }]);
    expect(r.status.live[TRADER]?.state).toBe("halted");
    expect(r.status.agents.find((a) => a.id === TRADER)?.state).toBe("halted");
    // Every other trader traded on, unhalted.
    for (const a of r.status.agents.filter((x) => x.kind === "trader" && x.id !== TRADER)) expect(a.state, `${name}: ${a.id}`).not.toBe("halted");
    expect(verifyAudit(db).ok).toBe(true);
  } finally {
    db.close();
  }
}

describe("an order injected behind the boss's back", () => {
  it("is caught by the auditor as a violation, and the trader is halted (in-process bus)", async () => {
    caught("local", await spoofedRun("local", new LocalBus()));
  });
});

await describeNats("an order injected behind the boss's back, over NATS", () => {
  const prefix = uniquePrefix("spoof");
  afterAll(() => dropStreams(natsUrl(), [streamNameFor(prefix)]));
  it("is caught by the auditor as a violation, and the trader is halted", async () => {
    caught("nats", await spoofedRun("nats", await NatsBus.connect({ url: natsUrl(), prefix })));
  });
});
