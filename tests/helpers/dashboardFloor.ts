import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { DashboardFeed, startDashboard, type Dashboard } from "../../floor/dashboard/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor, type FloorHandles, type LiveStatus } from "../../floor/runner/index.ts";

/** A running sim floor with two dashboards: one open on loopback, one that demands `token`. */
export interface DashboardFloor {
  bus: LocalBus;
  feed: DashboardFeed;
  open: Dashboard;
  guarded: Dashboard;
  floor: FloorHandles;
  live: () => LiveStatus;
  /** Stop the floor, its feed and both dashboards. */
  stop(): Promise<void>;
}

/**
 * The default roster at speed 30 on the in-process bus and a fresh SQLite file (`dbPath`), its
 * dashboards wired to the floor's feed; resolves once `trader` has left its first state (its
 * statechart has something to show). `digests` are the folders each dashboard links to.
 */
export async function startDashboardFloor(o: { dbPath: string; seed: number; token: string; trader: string; digests?: { open?: string; guarded?: string } }): Promise<DashboardFloor> {
  const bus = new LocalBus();
  const feed = new DashboardFeed(bus);
  const halt = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const f = await new Promise<Omit<DashboardFloor, "stop">>((ready) => {
    running = runFloor({
      config: loadFloorConfig(undefined), bus, dbPath: o.dbPath, seed: o.seed, speed: 30, signal: halt.signal, log: createLogger({ level: "silent" }),
      onTransition: feed.transition,
      onReady: async (status, metrics, handles) => {
        const wiring = (digestsDir: string | undefined) => ({ floor: () => handles, feed, bus, ...(digestsDir !== undefined ? { digestsDir } : {}) });
        const open = await startDashboard("127.0.0.1:0", status, metrics, wiring(o.digests?.open));
        const guarded = await startDashboard({ host: "127.0.0.1", port: 0, token: o.token }, status, metrics, wiring(o.digests?.guarded));
        ready({ bus, feed, open, guarded, floor: handles, live: status });
      },
    });
  });
  for (let i = 0; i < 200 && feed.transitionsOf(o.trader).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  return {
    ...f,
    async stop() {
      halt.abort();
      await running;
      feed.stop();
      await f.open.close();
      await f.guarded.close();
    },
  };
}
