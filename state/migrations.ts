/**
 * Schema changes, in order. Applied ones are tracked in `PRAGMA user_version`; never edit a
 * shipped migration, add a new one. Money columns are integers of micro-units (`*_micro`).
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: "initial ledger, registry, snapshots, audit log",
    sql: `
      CREATE TABLE floor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE markets (
        market_id TEXT PRIMARY KEY, slug TEXT NOT NULL, symbol TEXT NOT NULL,
        up_token_id TEXT NOT NULL, down_token_id TEXT NOT NULL,
        start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL, strike_micro INTEGER NOT NULL,
        fee_rate REAL NOT NULL, fee_exponent REAL NOT NULL,
        end_price_micro INTEGER, outcome TEXT CHECK (outcome IN ('Up','Down')),
        outcome_derived INTEGER, resolved_ts INTEGER
      );
      CREATE TABLE orders (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id TEXT NOT NULL UNIQUE, intent_id TEXT NOT NULL UNIQUE,
        agent_id TEXT NOT NULL, market_id TEXT NOT NULL, token_id TEXT NOT NULL,
        outcome TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL,
        price_micro INTEGER NOT NULL, size_micro INTEGER NOT NULL, filled_micro INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL, reason TEXT, created_ts INTEGER NOT NULL, updated_ts INTEGER NOT NULL
      );
      CREATE TABLE fills (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, fill_id TEXT NOT NULL UNIQUE,
        order_id TEXT NOT NULL REFERENCES orders(order_id), agent_id TEXT NOT NULL, market_id TEXT NOT NULL,
        outcome TEXT NOT NULL, side TEXT NOT NULL, price_micro INTEGER NOT NULL, size_micro INTEGER NOT NULL,
        fee_shares_micro INTEGER NOT NULL, fee_usd_micro INTEGER NOT NULL,
        cash_delta_micro INTEGER NOT NULL, shares_delta_micro INTEGER NOT NULL, ts INTEGER NOT NULL
      );
      CREATE TABLE settlements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL, market_id TEXT NOT NULL,
        winner TEXT NOT NULL, up_shares_micro INTEGER NOT NULL, down_shares_micro INTEGER NOT NULL,
        payout_micro INTEGER NOT NULL, cost_micro INTEGER NOT NULL, pnl_micro INTEGER NOT NULL, ts INTEGER NOT NULL,
        UNIQUE (agent_id, market_id)
      );
      CREATE TABLE cash (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL, delta_micro INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('deposit','allocate','fill','settle')), ref TEXT, ts INTEGER NOT NULL
      );
      CREATE TABLE positions (
        agent_id TEXT NOT NULL, market_id TEXT NOT NULL, outcome TEXT NOT NULL,
        shares_micro INTEGER NOT NULL, cost_micro INTEGER NOT NULL,
        PRIMARY KEY (agent_id, market_id, outcome)
      );
      CREATE TABLE agents (
        agent_id TEXT PRIMARY KEY, kind TEXT NOT NULL, parent_id TEXT, config_json TEXT NOT NULL,
        state TEXT NOT NULL, born_ts INTEGER NOT NULL, died_ts INTEGER, death_reason TEXT
      );
      CREATE TABLE snapshots (
        agent_id TEXT PRIMARY KEY, machine_version TEXT NOT NULL, snapshot_json TEXT NOT NULL, ts INTEGER NOT NULL
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
        src TEXT NOT NULL, subject TEXT, detail_json TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
      );
      -- The audit log is append-only: the database itself refuses edits and deletes.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: "maker fills: liquidity and accrued rebate per fill",
    sql: `
      ALTER TABLE fills ADD COLUMN liquidity TEXT NOT NULL DEFAULT 'taker' CHECK (liquidity IN ('maker','taker'));
      ALTER TABLE fills ADD COLUMN rebate_micro INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 3,
    name: "reversals: a fill the venue failed on chain is undone by a negative row naming it",
    sql: `
      ALTER TABLE fills ADD COLUMN reverses TEXT REFERENCES fills(fill_id);
      CREATE UNIQUE INDEX fills_reverses ON fills(reverses) WHERE reverses IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: "orders keep what a restart needs to re-enter them: the post-only flag and a GTD order's expiry",
    sql: `
      ALTER TABLE orders ADD COLUMN post_only INTEGER NOT NULL DEFAULT 0 CHECK (post_only IN (0, 1));
      ALTER TABLE orders ADD COLUMN expires_ts INTEGER;
    `,
  },
  {
    version: 5,
    name: "a living floor: where each agent came from, and every birth, change and death with who asked and why",
    sql: `
      ALTER TABLE agents ADD COLUMN origin TEXT NOT NULL DEFAULT 'config' CHECK (origin IN ('config','command','floor'));
      CREATE TABLE agent_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL,
        verb TEXT NOT NULL CHECK (verb IN ('spawned','retired','reconfigured','updated')),
        by TEXT NOT NULL, reason TEXT NOT NULL, config_json TEXT, ts INTEGER NOT NULL
      );
      CREATE INDEX agent_events_agent ON agent_events(agent_id, seq);
    `,
  },
  {
    version: 6,
    name: "fee schedules keep their currency and rebates: a restart books fills as the market charged them",
    // Markets recorded before this were booked with a buy's fee in shares: they keep that reading.
    sql: `
      ALTER TABLE markets ADD COLUMN fee_currency TEXT NOT NULL DEFAULT 'shares' CHECK (fee_currency IN ('usd','shares'));
      ALTER TABLE markets ADD COLUMN fee_rebate_rate REAL;
      ALTER TABLE markets ADD COLUMN fee_taker_rebate_rate REAL;
    `,
  },
  {
    version: 7,
    name: "honest results: every belief an agent published, beside the market's own price at that moment",
    sql: `
      CREATE TABLE forecasts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL, market_id TEXT NOT NULL,
        ts INTEGER NOT NULL, p_up REAL NOT NULL CHECK (p_up BETWEEN 0 AND 1),
        market_p REAL CHECK (market_p IS NULL OR market_p BETWEEN 0 AND 1)
      );
      CREATE INDEX forecasts_agent ON forecasts(agent_id, market_id);
    `,
  },
  {
    version: 8,
    name: "the boss's selection: every judgement of an agent (wait, keep, kill, clone) with its reason and the numbers that decided it",
    sql: `
      CREATE TABLE judgements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL, ts INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('wait','keep','kill','clone','retire')),
        reason TEXT NOT NULL, numbers_json TEXT NOT NULL
      );
      CREATE INDEX judgements_agent ON judgements(agent_id, seq);
    `,
  },
  {
    version: 9,
    name: "per-agent ledger sums by index: an agent's cash and allocation (the boss reads both on every intent) and its fills",
    // Both cover their queries: cashOf and allocatedOf read the agent's own index entries, not every
    // cash row of the floor's; `floor status` counts an agent's fills the same way. Rows and their order
    // are unchanged, so the ledger hash is too.
    sql: `
      CREATE INDEX cash_agent ON cash(agent_id, reason, delta_micro);
      CREATE INDEX fills_agent ON fills(agent_id, reverses);
    `,
  },
  {
    version: 10,
    name: "the monitor's figures: each agent's latest metrics (and the floor's), and its equity curve",
    // Not ledger tables: the ledger hash does not read them. The monitor upserts a row when it
    // publishes (every few seconds of floor time at most) and adds a point a minute at most.
    sql: `
      CREATE TABLE agent_metrics (agent_id TEXT PRIMARY KEY, ts INTEGER NOT NULL, metrics_json TEXT NOT NULL);
      CREATE TABLE equity_points (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL, ts INTEGER NOT NULL, equity_micro INTEGER NOT NULL
      );
      CREATE INDEX equity_points_agent ON equity_points(agent_id, ts);
    `,
  },
  {
    version: 11,
    name: "a day of floor time by index: the digest reads one UTC day of the audit log, settlements and fills, and the beliefs of the day's windows",
    // Without them each digest scans whole tables that grow by tens of thousands of rows a day (the
    // audit log by ~50,000 a day with the default roster, the forecasts by a belief a minute a trader).
    // No rows change, so the ledger hash does not.
    sql: `
      CREATE INDEX audit_log_ts ON audit_log(ts);
      CREATE INDEX settlements_ts ON settlements(ts);
      CREATE INDEX fills_ts ON fills(ts);
      CREATE INDEX forecasts_market ON forecasts(market_id);
      CREATE INDEX markets_resolved ON markets(resolved_ts);
    `,
  },
  {
    version: 12,
    name: "the state journal: a role's own writes to the shared tables, in order, for the other roles' files; and how far each source's journal is applied here",
    // Used only when the floor runs one role per process (state/journal, DESIGN "State"). The embedded
    // floor never writes them, so its ledger and ledger hash are unchanged.
    sql: `
      CREATE TABLE journal_out (seq INTEGER PRIMARY KEY AUTOINCREMENT, txn INTEGER NOT NULL, sql TEXT NOT NULL, args_json TEXT NOT NULL);
      CREATE TABLE journal_in (source TEXT PRIMARY KEY, seq INTEGER NOT NULL, gaps INTEGER NOT NULL DEFAULT 0, conflicts INTEGER NOT NULL DEFAULT 0);
    `,
  },
  {
    version: 13,
    name: "the envelopes each durable consumer of this file's process handled, with what the handling sent on stored subjects until the stream has it",
    // Local to one file, never journaled (LOCAL_TABLES): a redelivery after a crash is dropped as
    // seen (SeenEnvelopes). Only NATS durables write it, so the embedded floor's ledger hash is unchanged.
    sql: `
      CREATE TABLE seen_envelopes (consumer TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, outputs_json TEXT, PRIMARY KEY (consumer, id));
      CREATE INDEX seen_envelopes_age ON seen_envelopes(consumer);
    `,
  },
];
