import { afterAll, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { agentFileSchema, loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { SimConfig } from "../../protocols/index.ts";
import { openDb } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("series-traders");
afterAll(() => tmp.remove());

/*
 * Traders on a sim of several series: BTC 15-minute and 5-minute windows on one walk, and ETH
 * 5-minute windows on another, opening last at every boundary. A trader follows the latest window
 * of its own symbol (the first spot it hears: BTCUSD), and decides on that window's books only.
 * Before, it followed the ETH windows (their strike against its BTC spot: a certain Up) and decided
 * on every series' book, so that a taker acting on another series' book sent a FAK at its own
 * window's ask of the step before, which the makers had moved: about half of them were killed.
 */
describe("traders on several series", () => {
  it("trade their own symbol's windows, on books that are fresh", async () => {
    const base = loadFloorConfig(undefined);
    const sim = SimConfig.parse({
      series: [
        { asset: "BTC", symbol: "BTCUSD", marketMinutes: 15, startPrice: 95_000 },
        { asset: "BTC", symbol: "BTCUSD", marketMinutes: 5, startPrice: 95_000 },
        { asset: "ETH", symbol: "ETHUSD", marketMinutes: 5, startPrice: 3_300, volAnnual: 0.65 },
      ],
    });
    const AgentConfig = agentFileSchema();
    const agents = [
      AgentConfig.parse({ id: "momentum-1", kind: "trader", strategy: "momentum" }),
      AgentConfig.parse({ id: "eager", kind: "trader", strategy: "fairValue", params: { minEdge: 0.02 } }),
    ];
    const bus = new LocalBus();
    const dbPath = tmp.path("series.db");
    try {
      await runFloor({ config: { ...base, floor: { ...base.floor, sim }, agents }, bus, dbPath, seed: 3, speed: "max", untilMs: 2 * 3_600_000, log: createLogger({ level: "silent" }) });
    } finally {
      await bus.close();
    }
    const db = openDb(dbPath, { readonly: true });
    try {
      const orders = db.prepare("SELECT market_id AS market, status, reason FROM orders").all() as Array<{ market: string; status: string; reason: string | null }>;
      expect(orders.filter((o) => o.market.startsWith("eth-"))).toEqual([]);
      expect(orders.length).toBeGreaterThan(10);
      const killed = orders.filter((o) => o.status === "rejected" && /no orders found to match/.test(o.reason ?? "")).length;
      expect(killed, `${killed} of ${orders.length} FAKs found nothing at the ask they were sent at`).toBeLessThanOrEqual(orders.length * 0.05);
    } finally {
      db.close();
    }
  });
});
