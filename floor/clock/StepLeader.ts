import { ClockAck, families, PROTOCOL_VERSION } from "../../protocols/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import type { Logger } from "../log/createLogger.ts";
import { Wakeup } from "./Wakeup.ts";

/** While a role has not answered, the step goes out again this often (a role that restarted missed it). */
const RESEND_MS = 1000;
/** And the wait is logged this often. */
const WARN_MS = 10_000;

/**
 * The clock of a floor split into role processes (sim and replay): after its own step, the role
 * that runs the market source sends `floor.clock.step` and waits until every other role has done
 * it. A role that is down holds the floor at that step until it is back (supervisord, or chaos,
 * brings it back), so no role ever runs ahead of another by more than a step.
 */
export class StepLeader {
  private readonly done = new Map<string, number>();
  private readonly sub: Subscription;
  private readonly wakeup = new Wakeup();
  private n = 0;

  constructor(private readonly o: { bus: Bus; src: string; roles: readonly string[]; log: Logger }) {
    this.sub = o.bus.subscribe(families.clockAck.pattern, (m) => {
      const role = m.subject.slice(m.subject.lastIndexOf(".") + 1);
      const ack = ClockAck.safeParse(JSON.parse(m.data));
      if (!ack.success) return;
      this.done.set(role, Math.max(this.done.get(role) ?? -Infinity, ack.data.t));
      this.wakeup.wake();
    });
  }

  /** Send step `t` and resolve once every role has done it (or `signal` aborts). */
  async step(t: number, signal?: AbortSignal, end = false): Promise<void> {
    const began = Date.now();
    let warned = began;
    const behind = () => this.o.roles.filter((r) => (this.done.get(r) ?? -Infinity) < t);
    this.send(t, end);
    while (!signal?.aborted && behind().length > 0) {
      const answered = (await this.wakeup.wait({ until: () => behind().length === 0, ms: RESEND_MS, signal })) === "woken";
      if (answered || signal?.aborted) continue;
      this.send(t, end); // a role that restarted missed it
      if (Date.now() - warned >= WARN_MS) {
        warned = Date.now();
        this.o.log.warn({ step: new Date(t).toISOString(), waitingFor: behind(), waitedMs: warned - began }, "the floor's clock is waiting for roles that have not done the step");
      }
    }
  }

  stop(): void {
    this.sub.unsubscribe();
  }

  private send(t: number, end: boolean): void {
    const msg = { v: PROTOCOL_VERSION, id: `${this.o.src}.clock.${++this.n}`, ts: t, src: this.o.src, t, ...(end ? { end } : {}) };
    this.o.bus.publish(families.clockStep.subject(), JSON.stringify(msg));
  }
}
