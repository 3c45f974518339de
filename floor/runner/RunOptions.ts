import type { InspectionEvent, Observer } from "xstate";
import type { Db, DbLock, LedgerFigures } from "../../state/index.ts";
import type { BusHealth, Bus } from "../bus/Bus.ts";
import type { LoadedConfig } from "../config/index.ts";
import type { AgentTransition, MarketSource, Supervisor } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { FeedHealthView } from "./FeedWatch.ts";
import type { Role } from "./floorAgents.ts";
import type { StopBudget } from "./StopBudget.ts";

export interface RunOptions {
  config: LoadedConfig;
  bus: Bus;
  dbPath: string;
  /** The caller's lock on dbPath (taken early, to refuse before printing anything); else runFloor takes one. */
  lock?: DbLock;
  seed: number;
  /** Floor-time multiple of wall time, or "max" to run as fast as the machine allows. */
  speed: number | "max";
  /** Stop this much floor time (ms) after the simulation began (sim) or after this run's start (the others); run until aborted when absent. */
  untilMs?: number;
  log: Logger;
  role?: Role;
  /** This process is `role`'s part of a floor split over processes (`floor start --role`): its own file, the state journal, the clock over the bus. */
  split?: boolean;
  /** Where market data and the clock's steps come from; the simulator when absent. */
  source?: MarketSource;
  signal?: AbortSignal;
  /**
   * The stop's time from the signal (`floor start`): a step's wait on the bus, and the waits of the
   * stop, give up when it runs out, and the stop then throws saying what it could not do (exit 1).
   */
  stop?: StopBudget;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** Told of each agent's state change (the dashboard's feed); nothing is watched when absent. */
  onTransition?: (t: AgentTransition) => void;
  /** Called with the live floor every `statusEveryMs` of wall time, and once at the end. */
  onStatus?: (s: LiveStatus) => void;
  statusEveryMs?: number;
  /** Called once the floor is up, with the live view and the Prometheus text of its figures (the dashboard serves both; without it no registry is kept). */
  onReady?: (live: () => LiveStatus, metrics: () => Promise<string>, floor: FloorHandles) => void;
  /** Stop and throw (exit 1) when no market opened within this much floor time (live data). */
  noMarketTimeoutMs?: number;
  /** Watch the config's agents folder and spawn, reconfigure and retire as its files change (`floor start`). */
  watchConfig?: boolean;
  /** Called once the supervisor is up (tests and the bench drive it directly). */
  onSupervisor?: (s: Supervisor) => void;
  /** Send the config's alerts (`floor start`), their webhook URLs and the secrets they scrub read from `env`; none when absent (backtest, record). */
  alerts?: { env: Readonly<Record<string, string | undefined>> };
}

/** What the dashboard reads and acts through: the floor's ledger connection, its supervisor and clock. */
export interface FloorHandles {
  db: Db;
  supervisor: Supervisor;
  clock: { now(): number };
}

/** The floor while it runs (no ledger hash: see `readFigures`); the final status carries the hash. */
export interface LiveStatus extends LedgerFigures {
  ledgerHash?: string;
  /** Live actor states by agent id (the registry's copy lags by one checkpoint). */
  live: Record<string, { state: string; received: number; invalid: number; published: number }>;
  steps: number;
  /** Each market-data source's last md.health report, and the bus's connection. */
  feeds: Record<string, FeedHealthView>;
  bus: BusHealth;
}
