import { afterAll, describe, expect, it } from "vitest";
import { EXPIRED_DOWN, MARKET_OVER } from "../../agents/exchange/reconcileOpenOrders.ts";
import { appendAudit, openDb, recordOrder } from "../../state/index.ts";
import { floor } from "../helpers/floorCli.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("restart");
afterAll(() => tmp.remove());
const minutes = (db: string, until: string) => ["start", "--mode", "sim", "--until", until, "--speed", "max", "--seed", "7", "--db", db, "--dashboard", "off"];

describe("sim floor stopped mid-window with working orders, then restarted", () => {
  it("cancels the order whose market ended, adopts the one whose market trades on, expires a GTD on time, and audits each", async () => {
    const path = tmp.path("restart.db");
    const first = await floor(minutes(path, "20m"));
    expect(first.code).toBe(0);

    // The floor stopped 5 minutes into its second window. The sim's traders send FAK orders, which
    // never outlive their step, and a resumed sim restores its engine exactly, so orders the ledger
    // has beyond the engine's (as an older floor would leave them) are written here.
    let db = openDb(path);
    const markets = db.prepare("SELECT market_id AS id, up_token_id AS up, end_ts AS endTs, outcome FROM markets ORDER BY start_ts").all() as Array<{ id: string; up: string; endTs: number; outcome: string | null }>;
    expect(markets.map((m) => m.outcome === null)).toEqual([false, true]);
    const [ended, trading] = markets as [(typeof markets)[number], (typeof markets)[number]];
    const stopped = Number((db.prepare("SELECT value FROM floor_meta WHERE key = 'floorTime'").get() as { value: string }).value);
    // GTD orders in the trading market: one that expired while the floor was down, one that expires 5 minutes after the restart.
    const gtd = { 3: stopped - 60_000, 4: stopped + 300_000 };
    for (const [n, m, expiresAt] of [[1, ended], [2, trading], [3, trading, gtd[3]], [4, trading, gtd[4]]] as const) {
      // A bid at 0.01 for 10 shares: it rests without filling, so its end shows where it was.
      const terms = expiresAt !== undefined ? { type: "GTD", expiresAt, postOnly: true } : { type: "GTC" };
      recordOrder(db, { orderId: `o-left-${n}`, intentId: `left-${n}`, agentId: "momentum-1", marketId: m.id, tokenId: m.up, outcome: "Up", side: "BUY", ...terms, price: 10_000, size: 10_000_000, status: "live", ts: m.endTs - 900_000 + 1_000 });
      // As the boss's approval was audited (audit verify matches every order to it).
      appendAudit(db, { ts: m.endTs - 900_000 + 1_000, kind: "approved", severity: "info", src: "boss", detail: { intentId: `left-${n}`, agentId: "momentum-1", price: 10_000, size: 10_000_000 } });
    }
    db.close();

    const second = await floor(minutes(path, "40m")); // --until counts from the beginning: 20 more minutes
    expect(second.code).toBe(0);
    const verify = await floor(["audit", "verify", "--db", path]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/audit log intact/);

    db = openDb(path, { readonly: true });
    try {
      const rows = db.prepare("SELECT severity, detail_json FROM audit_log WHERE kind = 'reconcile' ORDER BY seq").all() as Array<{ severity: string; detail_json: string }>;
      expect(rows.map((r) => ({ severity: r.severity, ...(JSON.parse(r.detail_json) as Record<string, unknown>) }))).toEqual([
        expect.objectContaining({ severity: "info", action: "expired", orderId: "o-left-3", marketId: trading.id, remaining: 10_000_000, reason: EXPIRED_DOWN, expiresAt: gtd[3] }),
        expect.objectContaining({ severity: "info", action: "cancelled", orderId: "o-left-1", agentId: "momentum-1", marketId: ended.id, remaining: 10_000_000, reason: MARKET_OVER }),
        expect.objectContaining({ severity: "info", action: "adopted", orderId: "o-left-2", agentId: "momentum-1", marketId: trading.id, remaining: 10_000_000 }),
        expect.objectContaining({ severity: "info", action: "adopted", orderId: "o-left-4", marketId: trading.id, type: "GTD", postOnly: true, expiresAt: gtd[4] }),
      ]);
      // The adopted orders were in the engine: the GTD expired there at its time, the market's close
      // cancelled the other, and the trader heard of each.
      const orders = db.prepare("SELECT order_id AS id, status, reason FROM orders WHERE order_id LIKE 'o-left-%' ORDER BY order_id").all();
      expect(orders).toEqual([
        { id: "o-left-1", status: "cancelled", reason: MARKET_OVER },
        { id: "o-left-2", status: "cancelled", reason: "market-closed" },
        { id: "o-left-3", status: "expired", reason: EXPIRED_DOWN },
        { id: "o-left-4", status: "expired", reason: "expired" },
      ]);
      expect(db.prepare("SELECT updated_ts AS ts FROM orders WHERE order_id = 'o-left-4'").get()).toEqual({ ts: gtd[4] });
      const told = db.prepare("SELECT json_extract(detail_json, '$.orderId') AS id FROM audit_log WHERE kind = 'order_cancel' AND json_extract(detail_json, '$.orderId') LIKE 'o-left-%' ORDER BY seq").all();
      expect(told).toEqual([{ id: "o-left-3" }, { id: "o-left-1" }, { id: "o-left-4" }, { id: "o-left-2" }]);
      // The ledger check found nothing wrong with a real ledger.
      expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE severity != 'info'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
