import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseOptions } from "../parseOptions.ts";
import { applyFeeOverride, DatasetError, loadDataset, planReplay } from "../../replay/index.ts";
import { openDb } from "../../../state/index.ts";
import { backtestReport, formatBacktestReport } from "../../backtest/index.ts";
import { LocalBus } from "../../bus/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { createLogger } from "../../log/createLogger.ts";
import { catalog, DEFAULT_REPLAY } from "../../host/index.ts";
import { runFloor } from "../../runner/index.ts";
import { checkWritableDb, onFile } from "../paths/index.ts";
import { UsageError } from "../UsageError.ts";
import { parseFeesOption, parseRebateOption } from "../parseFeesOption.ts";
import type { Io } from "../Io.ts";

/** An ISO date-time or unix seconds/milliseconds. */
function parseTime(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  const t = Number.isFinite(n) ? (n < 1e11 ? n * 1000 : n) : Date.parse(text);
  if (!Number.isFinite(t)) throw new UsageError(`invalid ${flag} ${JSON.stringify(text)}: an ISO time (2025-12-15T00:00Z) or unix seconds`);
  return t;
}

/** `floor backtest --data DIR`: run the whole floor over recorded data as fast as possible and report. */
export async function backtest(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({
    args: argv,
    options: {
      data: { type: "string" }, from: { type: "string" }, to: { type: "string" }, config: { type: "string" }, db: { type: "string" }, seed: { type: "string", default: "1" }, json: { type: "boolean", default: false },
      fees: { type: "string" }, "maker-rebate": { type: "string" }, "taker-rebate": { type: "string" },
      latency: { type: "string" }, "synthetic-book": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!v.data) throw new UsageError("--data DIR is required (a replay folder: see docs/DATA.md)");
  const seed = Number(v.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`invalid --seed ${JSON.stringify(v.seed)}`);
  const latencyMs = v.latency === undefined ? DEFAULT_REPLAY.latencyMs : Number(v.latency);
  if (!Number.isSafeInteger(latencyMs) || latencyMs < 0) throw new UsageError(`invalid --latency ${JSON.stringify(v.latency)}: milliseconds, 0 or more`);
  const replay = { latencyMs, syntheticBook: v["synthetic-book"] === true };
  const from = parseTime("--from", v.from);
  const to = parseTime("--to", v.to);
  // What-ifs on fees: a schedule for every replayed market, and/or the rebates on whichever applies.
  const feeOverride = {
    schedule: v.fees === undefined ? undefined : parseFeesOption(v.fees),
    rebateRate: v["maker-rebate"] === undefined ? undefined : parseRebateOption("--maker-rebate", v["maker-rebate"]),
    takerRebateRate: v["taker-rebate"] === undefined ? undefined : parseRebateOption("--taker-rebate", v["taker-rebate"]),
  };
  const config = loadFloorConfig(v.config);
  // A replay's days are not the floor's: their digests would overwrite the floor's own of the same date (`floor digest --db` writes them on demand).
  config.floor = { ...config.floor, digests: { ...config.floor.digests, dir: "off" } };
  // Refuse before reading the data: a week of it takes a moment to load.
  if (v.db && existsSync(v.db)) throw new UsageError(`${v.db} exists: a backtest writes a fresh database (choose another --db)`);
  if (v.db) checkWritableDb(v.db);
  let plan;
  try {
    plan = applyFeeOverride(planReplay(loadDataset(v.data, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) })), feeOverride);
  } catch (e) {
    throw e instanceof DatasetError ? new UsageError(e.message) : e;
  }
  if (plan.markets.length === 0) throw new UsageError(`${v.data}: no window can be replayed (${plan.skipped.length} skipped: ${plan.skipped[0]?.reason})`);
  const dbPath = v.db ?? join("data", "backtests", `${basename(v.data)}-${new Date().toISOString().replace(/[:.]/g, "-")}.db`);
  const bus = new LocalBus();
  const t0 = performance.now();
  let steps = 0;
  try {
    const status = await onFile(dbPath, runFloor({ config, bus, dbPath, seed, speed: "max", log: createLogger({ level: io.env.LOG_LEVEL ?? "warn" }), source: catalog().replaySource(plan, config.floor.sim, seed, replay) }));
    steps = status.steps;
  } finally {
    await bus.close();
  }
  const db = openDb(dbPath, { readonly: true });
  try {
    const report = backtestReport(db, plan, { steps, wallSeconds: (performance.now() - t0) / 1000 }, replay, seed);
    io.out(v.json ? JSON.stringify({ ...report, db: dbPath }, null, 2) : `${formatBacktestReport(report)}\ndb             ${dbPath}`);
    return 0;
  } finally {
    db.close();
  }
}
