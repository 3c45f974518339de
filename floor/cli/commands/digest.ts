import { getMeta, type Db } from "../../../state/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { dayBefore, dayOf, digestData, isEmptyDay, narrateDigest, narratorOptions, parseDay, writeDigest, type Narrative } from "../../digest/index.ts";
import { checkOutputDir, openFloorDb } from "../paths/index.ts";
import { parseOptions } from "../parseOptions.ts";
import { UsageError } from "../UsageError.ts";
import type { Io } from "../Io.ts";

const OPTIONS = { db: { type: "string" }, date: { type: "string" }, out: { type: "string" }, config: { type: "string" }, narrative: { type: "boolean", default: false } } as const;

/** The floor's latest floor time the database knows: its clock when it last stopped or checkpointed, or its last audited fact. */
function latestFloorTime(db: Db): number | undefined {
  const meta = Number(getMeta(db, "floorTime") ?? NaN);
  const audited = (db.prepare("SELECT MAX(ts) AS n FROM audit_log").get() as { n: number | null }).n;
  const t = Math.max(Number.isFinite(meta) ? meta : -Infinity, audited ?? -Infinity);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * `floor digest`: write one day's digest again from the database alone, byte for byte what the
 * floor wrote (a narrative only with --narrative). The day defaults to the one before the floor's
 * latest floor time; the folder to the config's `digests.dir`.
 */
export async function digest(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  let day = v.date === undefined ? undefined : parseDayOption(v.date);
  const config = loadFloorConfig(v.config);
  const out = v.out ?? (config.floor.digests.dir === "off" ? "reports/digests" : config.floor.digests.dir);
  checkOutputDir(out, "--out");
  const narrator = v.narrative ? narratorOptions({ ...config.floor.digests.narrative, enabled: true }, io.env) : undefined;
  if (v.narrative && !narrator) throw new UsageError(`--narrative needs an endpoint: set digests.narrative.baseUrl in the config, or the variable ${config.floor.digests.narrative.baseUrlEnv}`);
  const path = v.db ?? config.floor.db;
  const db = openFloorDb(path);
  try {
    const latest = latestFloorTime(db);
    if (latest === undefined) throw new Error(`${path} holds no floor time yet: the floor has not run`);
    day ??= dayBefore(dayOf(latest));
    const data = digestData(db, day.date);
    if (isEmptyDay(data)) throw new Error(`no data for ${day.date} in ${path}: nothing was audited or booked that day (the floor's latest floor time is ${new Date(latest).toISOString()})`);
    if (latest < day.to) io.err(`floor digest: ${day.date} has not ended on this floor (its latest floor time is ${new Date(latest).toISOString()}): the digest covers the day so far`);
    const narrative: Narrative | undefined = narrator && (await narrateDigest(data, narrator));
    if (narrative && !narrative.ok) io.err(`floor digest: no narrative (${narrative.reason}); the digest is written without it`);
    const paths = writeDigest(out, data, narrative);
    io.out(paths.markdown);
    io.out(paths.html);
    return 0;
  } finally {
    db.close();
  }
}

function parseDayOption(text: string) {
  try {
    return parseDay(text);
  } catch {
    throw new UsageError(`invalid --date ${JSON.stringify(text)}: a UTC day of floor time, YYYY-MM-DD`);
  }
}
