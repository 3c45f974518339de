import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Wallet } from "ethers";
import type { Bus } from "../../floor/bus/index.ts";
import type { FakeVenue } from "../feed/live/FakeVenue.ts";
import type { LocalClob } from "../exchange/live/LocalClob.ts";
import { waitFor } from "../feed/live/waitFor.ts";
import { finished, startFloor } from "../helpers/floorCli.ts";
import { queryDb as query, startLiveVenue, type LiveVenue } from "../helpers/liveVenue.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import type { AuthServer } from "../helpers/natsAuth.ts";
import { tmpDir } from "../helpers/tmp.ts";

const M = 1_000_000;

// Live trading needs an authenticated bus: a private nats-server with the documented config, the floor as `floor`, this test as the boss.
describeNatsServer("floor start --mode live: killed between 'order sent' and 'ack'", () => {
  const tmp = tmpDir("live-kill");
  let world: LiveVenue, venue: FakeVenue, clob: LocalClob, bus: Bus, nats: AuthServer, args: string[];
  const wallet = Wallet.createRandom();
  const env = { POLYMARKET_PRIVATE_KEY: wallet.privateKey, LOG_LEVEL: "debug" }; // every log line, for the secrets check
  const db = tmp.path("live.db");

  beforeAll(async () => {
    world = await startLiveVenue(tmp);
    ({ venue, clob, bus, nats } = world);
    args = world.args(db);
  });
  afterAll(async () => {
    await world?.close();
    tmp.remove();
  });

  it("leaves exactly one order at the venue: written ahead, adopted at restart, never posted twice", async () => {
    const first = startFloor(args, env);
    try {
      await waitFor(() => clob.heartbeats.length > 0, "the floor to connect to the venue", 30_000);
      await waitFor(() => query(db, "SELECT 1 FROM markets").length > 0, "the live market to open", 30_000);
      const [m] = query<{ market_id: string; up: string }>(db, "SELECT market_id, up_token_id AS up FROM markets ORDER BY start_ts DESC LIMIT 1");
      const decision = {
        v: 1, id: "boss.test.1", ts: Date.now(), src: "boss", approved: true,
        intent: { intentId: "t1-kill-1", agentId: "t1", marketId: m!.market_id, tokenId: m!.up, outcome: "Up", side: "BUY", type: "GTC", price: 450_000, size: 10 * M, belief: 0.6 },
      };
      // The venue books the order, then holds its reply: the floor dies waiting for the ack.
      clob.failNext("POST", "/order", 1, { kind: "timeout", holdMs: 60_000 });
      bus.publish("order.decision.t1", JSON.stringify(decision));
      await waitFor(() => clob.orderPosts.length === 1, "the order to reach the venue", 15_000).catch((e: unknown) => {
        console.log(first.output.stdout, first.output.stderr.slice(-3000), query(db, "SELECT * FROM orders"), query(db, "SELECT kind, detail_json FROM audit_log ORDER BY seq DESC LIMIT 8"));
        throw e;
      });
      first.kill("SIGKILL");
      await finished(first);

      const venueId = clob.orderPosts[0]!.orderId!;
      const ahead = query<{ order_id: string; status: string }>(db, "SELECT order_id, status FROM orders");
      expect(ahead).toEqual([{ order_id: venueId, status: "pending" }]); // written before it was sent

      const second = startFloor(args, env);
      await waitFor(() => query(db, "SELECT 1 FROM audit_log WHERE kind = 'reconcile' AND detail_json LIKE '%adopted%'").length > 0, "the restart to adopt the order", 30_000);
      // The boss's decision arrives again (a replay): still no second order.
      bus.publish("order.decision.t1", JSON.stringify({ ...decision, id: "boss.test.2", ts: Date.now() }));
      await bus.idle();
      await new Promise((r) => setTimeout(r, 1500));
      expect(query<{ status: string }>(db, "SELECT status FROM orders")).toEqual([{ status: "live" }]);
      second.kill("SIGINT");
      const r = await finished(second);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/stopped cleanly/);

      // Both lives took reference prices from PolyBolt, logged in with the derived key (no CLOB_* variables set).
      expect(venue.liveData.ops("subscribe").length).toBeGreaterThanOrEqual(2);
      expect(venue.liveData.ops("auth").length).toBe(venue.liveData.ops("subscribe").length);
      // Both lives followed the market on the user channel, with the floor's own key.
      expect(clob.user.subscriptions.filter((u) => u.markets.includes(clob.conditionId)).length).toBeGreaterThanOrEqual(2);
      expect(clob.user.stats.refused).toBe(0);
      expect(clob.orderPosts.filter((p) => p.status === 200)).toHaveLength(1);
      expect(clob.orders.size).toBe(1);
      expect(clob.orders.get(venueId.toLowerCase())!.status).toBe("CANCELED"); // cancel-all on the way out
      expect(query(db, "SELECT order_id, intent_id, status, reason FROM orders")).toEqual([{ order_id: venueId, intent_id: "t1-kill-1", status: "cancelled", reason: "cancel-all" }]);
      const adopted = query<{ severity: string; detail_json: string }>(db, "SELECT severity, detail_json FROM audit_log WHERE kind = 'reconcile'");
      expect(adopted.map((a) => JSON.parse(a.detail_json).action)).toEqual(expect.arrayContaining(["balance", "adopted"]));
      // Secrets: the wallet key and the L2 credentials appear in no output and nowhere in the state file.
      const creds = [...clob.keys.values()][0]!;
      const secrets = [wallet.privateKey.slice(2), creds.secret, creds.passphrase, nats.env.NATS_PW_FLOOR!];
      const files = [db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString("latin1"));
      for (const text of [first.output.stdout, first.output.stderr, second.output.stdout, second.output.stderr, ...files]) {
        for (const secret of secrets) expect(text.includes(secret), `${secrets.indexOf(secret)} in ${text.slice(Math.max(0, text.indexOf(secret) - 200), text.indexOf(secret) + 50)}`).toBe(false);
      }
    } finally {
      first.kill("SIGKILL");
    }
  }, 120_000);
});
