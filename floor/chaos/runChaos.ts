import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ChaosOptions } from "./ChaosOptions.ts";
import type { ChaosReport } from "./ChaosReport.ts";
import { chaosSchedule } from "./chaosSchedule.ts";
import { checkInvariants, readStoredOrders } from "./checkInvariants.ts";
import { FloorWatch } from "./FloorWatch.ts";
import { NatsServerProcess } from "./NatsServerProcess.ts";
import { runDisruptions } from "./runDisruptions.ts";
import { startRoles } from "./startRoles.ts";
import { roleProblems } from "./roleProblems.ts";

/** The floor's prefix on the private server (it is the only floor there; the prefix keeps its subjects apart from anything else's). */
const PREFIX = "chaos.";
/** The stream is read within this long at the end, or the run says it could not be. */
const READ_MS = 120_000;

function withinMs<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not done within ${ms / 1000} s`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const iso = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? null : new Date(t).toISOString());

/**
 * One chaos run (docs/CHAOS.md): a private nats-server, the six roles under supervision, the
 * seeded disruptions, and after every process has exited, the invariants over the files and the
 * stream. The folder is `opts.keep` or a fresh temporary one; the caller decides whether it stays.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const began = Date.now();
  const dir = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), "polyfloor-chaos-"));
  const logDir = join(dir, "logs");
  mkdirSync(logDir, { recursive: true });
  mkdirSync(join(dir, "nats"), { recursive: true });
  const nats = await NatsServerProcess.start({ storeDir: join(dir, "nats"), logDir });
  const abort = new AbortController();
  const problems: string[] = [];
  let watch: FloorWatch | undefined;
  let roles: Awaited<ReturnType<typeof startRoles>> | undefined;
  let stall: NodeJS.Timeout | undefined;
  try {
    watch = await FloorWatch.open(nats.url, PREFIX);
    roles = await startRoles({ opts, dir, logDir, url: nats.url, prefix: PREFIX, signal: abort.signal });
    const w = watch;
    const all = roles;
    stall = setInterval(() => {
      if (w.ended || Date.now() - w.advancedAt < opts.stallMs) return;
      problems.push(`the floor's clock stood still at ${iso(w.t)} for ${opts.stallMs / 1000} s${nats.running ? "" : " (nats-server was not running)"}: every role was stopped`);
      clearInterval(stall);
      abort.abort();
      for (const r of all.values()) void r.stop();
    }, 1000);
    const plan = chaosSchedule({ kills: opts.kills, natsRestarts: opts.natsRestarts, runMs: opts.untilMs, seed: opts.seed });
    const run = await runDisruptions(plan, { watch, roles, nats, stepTimeoutMs: opts.stallMs, signal: abort.signal });
    if (run.stuck) {
      problems.push(run.stuck);
      abort.abort();
      for (const r of roles.values()) void r.stop();
    }
    const outcomes = await Promise.all([...roles.values()].map((r) => r.done));
    clearInterval(stall);
    await watch.close();
    await Promise.all(run.trading);
    problems.push(...roleProblems(outcomes));
    // Chaos asked for and not carried out is not chaos survived.
    for (const d of run.reports) if (d.skipped && !run.stuck) problems.push(`disruption ${d.n} (${d.kind === "kill" ? `kill of ${d.role}` : "NATS restart"}) was not carried out: ${d.skipped}`);
    for (const x of nats.unplannedExits) problems.push(`nats-server (incarnation ${x.incarnation}) exited on its own (${x.signal ?? `code ${x.code}`}): see ${join(logDir, `nats.${x.incarnation}.log`)}`);
    if (!nats.running) await nats.up(); // its store is on disk: started again to read what the stream kept
    const stream = await withinMs(readStoredOrders(nats.url, PREFIX), READ_MS).catch((err: Error) => {
      problems.push(`the stream could not be read at the end: ${err.message}; the stream's invariants are checked against nothing`);
      return [];
    });
    const { invariants, counts } = checkInvariants(dir, stream);
    const origin = watch.origin;
    return {
      ok: problems.length === 0 && invariants.every((i) => i.ok),
      seed: opts.seed,
      until: opts.until,
      kills: opts.kills,
      natsRestarts: opts.natsRestarts,
      disruptions: run.reports,
      invariants,
      roles: outcomes,
      counts,
      floor: { from: iso(origin), to: iso(watch.t), coveredMs: origin === undefined || !Number.isFinite(watch.t) ? 0 : watch.t - origin },
      wallMs: Date.now() - began,
      problems,
      dir,
    };
  } finally {
    // A run that threw midway (a server that would not start again) must not leave roles running nor a timer holding the process.
    clearInterval(stall);
    abort.abort();
    await Promise.all([...(roles?.values() ?? [])].map((r) => r.stop()));
    await watch?.close();
    await nats.stop();
  }
}
