import type { ChaosRole, PlannedDisruption } from "./chaosSchedule.ts";
import type { DisruptionReport } from "./ChaosReport.ts";
import type { FloorWatch } from "./FloorWatch.ts";
import type { NatsServerProcess } from "./NatsServerProcess.ts";
import type { SupervisedRole } from "./SupervisedRole.ts";

export interface DisruptionTargets {
  watch: FloorWatch;
  roles: ReadonlyMap<ChaosRole, SupervisedRole>;
  nats: NatsServerProcess;
  /** The floor not stepping again this long after a disruption gives the run up. */
  stepTimeoutMs: number;
  signal: AbortSignal;
}

/** Waiting for a floor time has no deadline of its own: the run's stall watchdog aborts it. */
const FOREVER = 2 ** 31 - 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function within<T>(p: Promise<T>, ms: number, signal: AbortSignal): Promise<T | "timeout"> {
  return new Promise((resolve) => {
    const done = (v: T | "timeout") => (clearTimeout(timer), signal.removeEventListener("abort", abort), resolve(v));
    const abort = () => done("timeout");
    const timer = setTimeout(abort, ms);
    signal.addEventListener("abort", abort, { once: true });
    void p.then(done);
  });
}

/**
 * Carry out the schedule, one disruption at a time: wait for its floor time, SIGKILL the role (its
 * supervisor brings it back) or the NATS server (started again ~200 ms later on the same port and
 * store), then wait until it is back and the floor steps again before the next. Returns each one's timings and a
 * promise of "trading again" per disruption, which resolves once an order event arrives or the watch closes.
 */
export async function runDisruptions(plan: readonly PlannedDisruption[], o: DisruptionTargets): Promise<{ reports: DisruptionReport[]; trading: Array<Promise<void>>; stuck?: string }> {
  const reports: DisruptionReport[] = [];
  const trading: Array<Promise<void>> = [];
  let stuck: string | undefined;
  for (const [i, d] of plan.entries()) {
    const r: DisruptionReport = { n: i + 1, kind: d.kind, ...(d.kind === "kill" ? { role: d.role } : {}), plannedAtMs: d.atMs, atMs: null, backMs: null, steppedMs: null, tradingMs: null };
    reports.push(r);
    if (stuck) {
      r.skipped = "the run was given up before it";
      continue;
    }
    const at = await within(o.watch.reached(d.atMs), FOREVER, o.signal);
    if (at === null || at === "timeout") {
      r.skipped = at === null ? "the run reached its end first" : "the run was given up before it";
      continue;
    }
    const tKill = o.watch.t;
    r.atMs = tKill - o.watch.origin!;
    const killedAt = Date.now();
    let back: Promise<number | null>;
    if (d.kind === "kill") {
      const role = o.roles.get(d.role)!;
      r.incarnation = role.incarnation;
      back = role.runningAfter(role.kill());
    } else {
      await o.nats.kill();
      await sleep(200);
      await o.nats.up();
      back = Promise.resolve(Date.now());
    }
    const backAt = await within(back, o.stepTimeoutMs, o.signal);
    r.backMs = typeof backAt === "number" ? backAt - killedAt : null;
    // The leader may have sent one more step before the death held it (its acks were all in):
    // the floor steps again only past the largest step seen once the process is back. (A role's
    // "running" resumes this in the same turn; a restarted server's clients reconnect after a wait.)
    const stepped = await within(o.watch.steppedPast(Math.max(tKill, o.watch.t)), o.stepTimeoutMs, o.signal);
    if (stepped === "timeout" || stepped === null) {
      if (stepped === "timeout") stuck = `the floor did not step again within ${o.stepTimeoutMs / 1000} s of disruption ${r.n} (${d.kind === "kill" ? `kill of ${d.role}` : "NATS restart"})`;
      continue;
    }
    r.steppedMs = stepped - killedAt;
    trading.push(o.watch.orderEventAfter(stepped).then((t) => void (r.tradingMs = t === null ? null : t - killedAt)));
  }
  return { reports, trading, ...(stuck ? { stuck } : {}) };
}
