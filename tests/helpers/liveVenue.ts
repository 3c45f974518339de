import { mkdirSync, writeFileSync } from "node:fs";
import { createBus, type Bus } from "../../floor/bus/index.ts";
import { openDb } from "../../state/index.ts";
import { LocalClob } from "../exchange/live/LocalClob.ts";
import { FakeVenue } from "../feed/live/FakeVenue.ts";
import { startAuthServer, type AuthServer } from "./natsAuth.ts";

export interface LiveVenue {
  venue: FakeVenue;
  clob: LocalClob;
  nats: AuthServer;
  /** The test's own bus, as the boss: it sends the floor its approved orders. */
  bus: Bus;
  /** `floor start` arguments for a live floor on `db`: the config below, the bus as `floor`, no dashboard. */
  args(db: string): string[];
  close(): Promise<void>;
}

/**
 * The world of a live floor on loopback: the fake feeds, a local CLOB (orders, cancels, user
 * channel), and a private nats-server with the documented authorization (live trading refuses an
 * open bus). Its config in `dir` runs no trader: the only orders are those the test sends as the boss.
 */
export async function startLiveVenue(dir: { path(name: string): string }): Promise<LiveVenue> {
  const nats = await startAuthServer();
  const venue = new FakeVenue(5);
  const market = [...venue.gamma.markets.values()][0]!;
  const clob = new LocalClob({ tokens: JSON.parse(market.clobTokenIds) as string[], conditionId: market.conditionId, tickSize: "0.001", books: venue.clob.restBooks });
  await clob.start();
  // The feed's PolyBolt login must be the API key the floor derived from its wallet at this CLOB.
  venue.liveData.verify = (a) => [...clob.keys.values()].some((k) => k.apiKey === a.apiKey && k.secret === a.secret && k.passphrase === a.passphrase);
  const yaml = (await venue.liveYaml()).replace(/clobRestUrl: .*/, `clobRestUrl: ${clob.url}\n  clobUserWsUrl: ${clob.wsUrl}`);
  mkdirSync(dir.path("config/agents"), { recursive: true });
  const config = dir.path("config/floor.yaml");
  writeFileSync(config, `statusEverySec: 1\n${yaml}  capitalCapUsd: 1000\n`);
  writeFileSync(dir.path("config/agents/momentum-1.yaml"), "id: momentum-1\nkind: trader\nstrategy: momentum\nenabled: false\n");
  const bus = await createBus({ url: nats.urlAs("boss") });
  return {
    venue, clob, nats, bus,
    args: (db) => ["start", "--mode", "live", "--live", "--config", config, "--db", db, "--bus", nats.urlAs("floor"), "--dashboard", "off"],
    async close() {
      await bus.close();
      await clob.stop();
      await venue.close();
      await nats.stop();
    },
  };
}

/** Read a floor's state file while it runs (WAL lets a reader in beside the writer); nothing when the table is not there yet. */
export function queryDb<T>(dbPath: string, sql: string): T[] {
  const db = openDb(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } catch {
    return [];
  } finally {
    db.close();
  }
}
