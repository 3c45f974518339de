import { writeAnchor, type Db } from "../../state/index.ts";
import type { Alerts } from "../alerts/index.ts";
import type { Bus } from "../bus/Bus.ts";
import type { Resume } from "../checkpoint/index.ts";
import type { StopHooks, Supervisor } from "../host/index.ts";
import type { StopBudget } from "./StopBudget.ts";

export interface StopFloorOptions {
  sup: Supervisor;
  bus: Bus;
  db: Db;
  dbPath: string;
  clock: { now(): number };
  resume: Resume;
  mode: string;
  /** The last step that finished; undefined when none did. */
  lastStep: number | undefined;
  /** A step the stop cut short (its bus wait ran out of time), undefined when none was. */
  unfinished: number | undefined;
  alerting: Alerts | undefined;
  stop: StopBudget | undefined;
}

/**
 * The floor's stop after its last step: checkpoint, stop every agent (a live exchange's cancel-all
 * among their parting words), give the alerts their grace, commit, write the final anchor. Returns
 * what the stop could not do cleanly (empty: it could). A sim whose last step was cut short is not
 * checkpointed, committed or anchored: a half-done step would resume twice, so the file stays at its
 * last checkpoint, as after a kill (docs/RESUME.md); paper and live commit as they go and go on.
 */
export async function stopFloor(o: StopFloorOptions): Promise<string[]> {
  const lost: string[] = [];
  const at = (t: number) => new Date(t).toISOString();
  const rollBack = o.unfinished !== undefined && o.mode === "sim";
  if (o.unfinished !== undefined) lost.push(`the step at floor time ${at(o.unfinished)} did not finish: the bus did not go idle (bus ${o.bus.health.state})${rollBack ? "; the sim is left at its last checkpoint, which the next start resumes from" : ""}`);
  if (!rollBack) o.resume.stopping(o.lastStep, o.sup);
  const budget = o.stop;
  const hooks: StopHooks | undefined = budget && { settle: () => budget.bounded(o.bus.idle()), stage: (label) => budget.stage(label) };
  const unsettled = await o.sup.stopAll(hooks);
  if (unsettled.length > 0) lost.push(`the bus did not go idle (bus ${o.bus.health.state}) after stopping ${unsettled.join(", ")}: their parting messages may not have been handled here`);
  // Before the last anchor: what the alerts give up at the stop is audited under it (a short grace of wall time).
  const alerts = budget?.stage("the alerts' webhooks (alerts.stopGraceMs)");
  await o.alerting?.stop();
  alerts?.();
  if (rollBack) return lost;
  const commit = budget?.stage("the ledger's commit and the final anchor");
  // After a failed write too: what the step did is kept and audited, and the next start settles what it left (state/resolvedUnsettled.ts).
  o.resume.stopped(o.clock.now());
  writeAnchor(o.db, o.dbPath, { floorTime: o.clock.now(), running: false });
  commit?.();
  return lost;
}
