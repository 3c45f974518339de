import { ClockStep, families, PROTOCOL_VERSION } from "../../protocols/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import { Wakeup } from "./Wakeup.ts";

/**
 * A role's side of a split floor's clock: the steps `floor.clock.step` announces, in order, each
 * once (a step resent, or one the role already did before a restart, is acknowledged at once and
 * not run again), until the leader says the run is over or the role stops.
 */
export class StepFollower {
  private readonly sub: Subscription;
  private readonly queue: number[] = [];
  private readonly wakeup = new Wakeup();
  /** The run's last step, once the leader has said so. */
  private endAfter = Infinity;
  private last: number;
  private n = 0;

  constructor(private readonly o: { bus: Bus; role: string; from: number }) {
    this.last = o.from - 1;
    this.sub = o.bus.subscribe(families.clockStep.pattern, (m) => {
      const step = ClockStep.safeParse(JSON.parse(m.data));
      if (!step.success) return;
      const { t, end } = step.data;
      const queued = this.queue.length > 0 ? this.queue[this.queue.length - 1]! : this.last;
      if (t > queued) this.queue.push(t);
      else if (t <= this.last) this.ack(this.last);
      if (end) this.endAfter = t;
      this.wakeup.wake();
    });
  }

  /** Say step `t` is done: the leader may go on. */
  ack(t: number): void {
    this.last = Math.max(this.last, t);
    const msg = { v: PROTOCOL_VERSION, id: `${this.o.role}.ack.${++this.n}`, ts: t, src: this.o.role, t };
    this.o.bus.publish(families.clockAck.subject(this.o.role), JSON.stringify(msg));
  }

  /** The steps to run, until the run's end or `signal`. Call `ack(t)` after each. */
  async *steps(signal?: AbortSignal): AsyncGenerator<number> {
    while (!signal?.aborted) {
      const t = this.queue.shift();
      if (t !== undefined) {
        yield t;
        if (t >= this.endAfter) return;
        continue;
      }
      if (this.last >= this.endAfter) return;
      await this.wakeup.wait({ signal });
    }
  }

  stop(): void {
    this.sub.unsubscribe();
  }
}
