import { families, PROTOCOL_VERSION } from "../../protocols/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import { Wakeup } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";

/** A split floor's roles boot in the order one process starts its agents (floorAgents.ts): recorders first, the clock's leader last. */
export const BOOT_ORDER = ["auditor", "monitor", "exchange", "boss", "traders", "feed"] as const;

const ASK_EVERY_MS = 500;
const WARN_EVERY_MS = 10_000;

/**
 * At a split floor's first start, each role boots its agents only once every role before it in
 * BOOT_ORDER has: so whoever listens is listening before anyone speaks (the boss hears each
 * trader's birth, the auditor the boss's first deposit), as in one process. Once booted, a role
 * answers every later waiter; a role restarting on a file that has run already does not wait.
 */
export class BootTurn {
  private readonly up = new Set<string>();
  private readonly subs: Subscription[] = [];
  private readonly wakeup = new Wakeup();
  private n = 0;

  constructor(private readonly o: { bus: Bus; role: string; log: Logger }) {
    this.subs.push(o.bus.subscribe(families.clockBooted.pattern, (m) => {
      this.up.add(m.subject.slice(m.subject.lastIndexOf(".") + 1));
      this.wakeup.wake();
    }));
  }

  private get before(): string[] {
    const i = BOOT_ORDER.indexOf(this.o.role as (typeof BOOT_ORDER)[number]);
    return BOOT_ORDER.slice(0, Math.max(0, i)).filter((r) => !this.up.has(r));
  }

  /** Resolve once every role before this one has booted (or `signal` aborts). */
  async wait(signal?: AbortSignal): Promise<void> {
    const began = Date.now();
    let warned = began;
    while (this.before.length > 0 && !signal?.aborted) {
      this.say(families.clockWaiting.subject(this.o.role));
      await this.wakeup.wait({ until: () => this.before.length === 0, ms: ASK_EVERY_MS, signal });
      if (Date.now() - warned >= WARN_EVERY_MS) {
        warned = Date.now();
        this.o.log.warn({ role: this.o.role, waitingFor: this.before, waitedMs: warned - began }, "a role waits for the roles that boot before it (start them too)");
      }
    }
  }

  /** This role's agents are up: say so now and to every role that asks later. */
  booted(): void {
    const say = () => this.say(families.clockBooted.subject(this.o.role));
    this.subs.push(this.o.bus.subscribe(families.clockWaiting.pattern, say));
    say();
  }

  stop(): void {
    for (const s of this.subs.splice(0)) s.unsubscribe();
  }

  private say(subject: string): void {
    this.o.bus.publish(subject, JSON.stringify({ v: PROTOCOL_VERSION, id: `${this.o.role}.turn.${++this.n}`, ts: 0, src: this.o.role }));
  }
}
