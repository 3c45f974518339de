import { parseDuration } from "../cli/parseDuration.ts";
import { parseOptions } from "../cli/parseOptions.ts";
import { UsageError } from "../cli/UsageError.ts";

export interface ChaosOptions {
  kills: number;
  natsRestarts: number;
  /** Floor time to simulate (`--until`), as given and in ms. */
  until: string;
  untilMs: number;
  seed: number;
  json: boolean;
  /** Keep the role files and logs here (created if missing); otherwise a temporary folder. */
  keep?: string;
  /** A floor clock standing still this long (wall ms, `--stall-after`) gives the run up. */
  stallMs: number;
}

export const CHAOS_USAGE = "usage: npm run chaos -- --kills N --nats-restarts M [--until D] [--seed S] [--json] [--keep DIR] [--stall-after D]";

const count = (name: string, v: string | undefined, dflt: number): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`invalid --${name} ${JSON.stringify(v)}: a non-negative integer`);
  return n;
};

/** `npm run chaos` arguments; a bad one is a UsageError naming it. */
export function parseChaosOptions(argv: string[]): ChaosOptions {
  const { values: v } = parseOptions({
    args: argv,
    options: { kills: { type: "string" }, "nats-restarts": { type: "string" }, until: { type: "string", default: "1h" }, seed: { type: "string" }, json: { type: "boolean", default: false }, keep: { type: "string" }, "stall-after": { type: "string", default: "3m" } },
    strict: true,
    allowPositionals: false,
  });
  return {
    kills: count("kills", v.kills, 0),
    natsRestarts: count("nats-restarts", v["nats-restarts"], 0),
    until: v.until,
    untilMs: parseDuration(v.until),
    seed: count("seed", v.seed, 1),
    json: v.json,
    ...(v.keep !== undefined ? { keep: v.keep } : {}),
    stallMs: parseDuration(v["stall-after"]),
  };
}
