import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDb } from "../state/index.ts";
import { closeAndDropStream, tryNatsBus, uniquePrefix } from "./natsSupport.ts";
import { sig } from "./stats.ts";

const BIN = fileURLToPath(new URL("../bin/floor.mjs", import.meta.url));
const ROLES = ["auditor", "monitor", "exchange", "boss", "traders", "feed"] as const;

export interface SplitRunResult {
  floorHours: number;
  wallSeconds: number;
  /** md.spot + md.book + md.market messages the feed's process published, per wall second (counted by an observer on the bus). */
  marketEventsPerSec: number;
  floorSecondsPerWallSecond: number;
  /** Every floor message any role published (what the observer heard on `>`), per wall second. */
  busMessagesPerSec: number;
  fills: number;
  marketsSettled: number;
}
export interface SplitRunSkipped {
  marketEventsPerSec: null;
  reason: string;
}

/**
 * The floor split into its six role processes over NATS (`floor start --role`, the shipped
 * roster), `hours` of sim at full speed: the end-to-end rate with roles in separate processes,
 * for comparison with the raw NATS pub/sub ceiling of the same run.
 */
export async function splitRate(url: string, hours: number, seed: number): Promise<SplitRunResult | SplitRunSkipped> {
  const prefix = uniquePrefix("split");
  const observer = await tryNatsBus(url, prefix);
  if (!("bus" in observer)) return { marketEventsPerSec: null, reason: observer.reason };
  const dir = mkdtempSync(join(tmpdir(), "polyfloor-bench-split-"));
  let market = 0;
  let all = 0;
  observer.bus.subscribe(">", (m) => {
    all++;
    if (m.subject.startsWith("md.spot.") || m.subject.startsWith("md.book.") || m.subject.startsWith("md.market.")) market++;
  });
  await observer.bus.idle();
  try {
    const began = process.hrtime.bigint();
    const codes = await Promise.all(ROLES.map((role) => runRole(role, url, prefix, join(dir, `${role}.db`), hours, seed)));
    const wallSeconds = Number(process.hrtime.bigint() - began) / 1e9;
    const failed = codes.map((c, i) => [ROLES[i], c] as const).filter(([, c]) => c !== 0);
    if (failed.length > 0) return { marketEventsPerSec: null, reason: `role processes failed: ${failed.map(([r, c]) => `${r} exited ${c}`).join(", ")}` };
    const db = openDb(join(dir, "exchange.db"), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const fills = count("SELECT COUNT(*) AS n FROM fills");
    const marketsSettled = count("SELECT COUNT(DISTINCT market_id) AS n FROM settlements");
    db.close();
    return {
      floorHours: hours,
      wallSeconds: sig(wallSeconds, 3),
      marketEventsPerSec: sig(market / wallSeconds, 3),
      floorSecondsPerWallSecond: sig((hours * 3600) / wallSeconds, 3),
      busMessagesPerSec: sig(all / wallSeconds, 3),
      fills,
      marketsSettled,
    };
  } finally {
    await closeAndDropStream(url, observer.bus);
    rmSync(dir, { recursive: true, force: true });
  }
}

function runRole(role: string, url: string, prefix: string, db: string, hours: number, seed: number): Promise<number | null> {
  const args = [BIN, "start", "--role", role, "--bus", url, "--db", db, "--speed", "max", "--until", `${hours}h`, "--seed", String(seed), "--dashboard", "off"];
  const child = spawn(process.execPath, args, { env: { ...process.env, POLYFLOOR_BUS_PREFIX: prefix, LOG_LEVEL: "error" }, stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
