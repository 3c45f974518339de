import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOptions } from "../parseOptions.ts";
import { LocalBus } from "../../bus/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { createLogger } from "../../log/createLogger.ts";
import { Recorder } from "../../record/index.ts";
import { catalog } from "../../host/index.ts";
import { runFloor } from "../../runner/index.ts";
import { healthParts } from "../formatHealth.ts";
import { parseDuration } from "../parseDuration.ts";
import { stopSignals } from "../stopSignals.ts";
import { checkOutputDir } from "../paths/index.ts";
import { UsageError } from "../UsageError.ts";
import type { Io } from "../Io.ts";

/** `floor record --out DIR [--duration D]`: record the live feeds in the replay format (docs/DATA.md). */
export async function record(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { out: { type: "string" }, duration: { type: "string" }, config: { type: "string" } }, strict: true });
  if (!v.out) throw new UsageError("usage: floor record --out DIR [--duration D] [--config F]");
  checkOutputDir(v.out, "--out");
  if (existsSync(v.out) && readdirSync(v.out).length > 0) throw new UsageError(`${v.out} is not empty: a recording goes to a new folder`);
  const untilMs = v.duration === undefined ? undefined : parseDuration(v.duration);
  const config = loadFloorConfig(v.config);
  const live = config.floor.live;
  const bus = new LocalBus();
  const rec = new Recorder(bus, v.out, { symbol: live.symbol, spotSource: `Polymarket reference prices for ${live.symbol}: PolyBolt price.crypto (Pyth) at ${live.liveDataUrl} with CLOB credentials, else Chainlink via ${live.rtdsUrl} (docs/LIVE.md)` });
  const scratch = mkdtempSync(join(tmpdir(), "polyfloor-record-")); // the feed's host needs a state file; the recording does not
  const stop = stopSignals(io, "the recording");
  io.out(`recording ${live.asset} ${live.marketMinutes}m windows from ${live.gammaUrl} to ${v.out}${v.duration ? ` for ${v.duration}` : "; Ctrl-C stops"}`);
  try {
    await runFloor({
      config, bus, dbPath: join(scratch, "record.db"), seed: 0, speed: 1, role: "feed", signal: stop.signal,
      log: createLogger({ level: io.env.LOG_LEVEL ?? "warn" }), source: catalog().paperSource(live), noMarketTimeoutMs: live.noMarketTimeoutSec * 1000,
      statusEveryMs: config.floor.statusEverySec * 1000,
      onStatus: (s) => {
        const c = rec.counters;
        const at = s.floorTime === null ? "" : new Date(s.floorTime).toISOString().replace("T", " ").slice(0, 19);
        io.out([`[${at}] recording: ${c.spot} spot ticks, ${c.books} Up-price points, ${c.markets} window(s)`, ...healthParts(s)].join(" · "));
      },
      ...(untilMs !== undefined ? { untilMs } : {}),
    });
    await bus.idle();
  } finally {
    stop.dispose();
    rec.close();
    await bus.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const c = rec.counters;
  io.out(`recorded ${c.spot} spot ticks, ${c.books} Up-price points, ${c.resolved} resolved window(s) of ${c.markets} seen${c.invalid ? `, ${c.invalid} invalid messages skipped` : ""}`);
  return 0;
}
