import {
  BusClosedError,
  NoRespondersError,
  RequestTimeoutError,
  type Bus,
  type BusHealth,
  type BusMsg,
  type Handler,
  type PublishOptions,
  type SubscribeOptions,
  type Subscription,
} from "./Bus.ts";
import { assertDurable } from "./storedSubjects.ts";
import { SubjectIndex } from "./SubjectIndex.ts";
import { withSeen } from "./withSeen.ts";

interface LocalSub {
  readonly pattern: string;
  readonly handler: Handler;
  readonly queue: string | undefined;
  active: boolean;
  /** Set while an async handler runs; later deliveries wait here in order. */
  backlog: BusMsg[] | undefined;
}

export interface LocalBusOptions {
  /** Called when a handler throws or rejects; the bus carries on. */
  onHandlerError?: (err: unknown, msg: BusMsg) => void;
}

/**
 * The in-process bus, the embedded default. Delivery is asynchronous (like NATS) but in one
 * global FIFO, so a run with the same inputs delivers in the same order every time.
 */
export class LocalBus implements Bus {
  readonly kind = "local" as const;
  readonly description = "in-process";
  readonly health: Readonly<BusHealth> = { state: "connected", since: Date.now(), disconnects: 0, reconnects: 0 };
  private subs = new SubjectIndex<LocalSub>((s) => s.pattern);
  /**
   * Deliveries in order, one entry per message and the subscribers it goes to (a book reaches
   * every trader: one entry, not one per trader); `head` is the next one (an index, so taking one is O(1)).
   */
  private queue: Array<{ subs: readonly LocalSub[]; msg: BusMsg }> = [];
  private head = 0;
  private running = 0;
  private scheduled = false;
  /** Inside `pump`: an entry taken off the queue may still have subscribers to reach. */
  private pumping = false;
  private closed = false;
  private inboxSeq = 0;
  private rr = new Map<string, number>();
  private idleWaiters: Array<() => void> = [];
  /** Handler invocations so far (one publish reaching three subscribers is three): what the bench counts, at no cost per delivery. */
  delivered = 0;
  private readonly onHandlerError: (err: unknown, msg: BusMsg) => void;

  constructor(opts: LocalBusOptions = {}) {
    this.onHandlerError = opts.onHandlerError ?? ((err, msg) => console.error(`handler for ${msg.subject} failed:`, err));
  }

  publish(subject: string, data: string, opts?: PublishOptions): void {
    this.route(subject, data, undefined, opts?.after);
  }

  interested(subject: string): boolean {
    return this.subs.match(subject).length > 0;
  }

  subscribe(subject: string, handler: Handler, opts: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new BusClosedError();
    // `durable` changes nothing here (no delivery is ever lost in-process) but is checked as on NATS.
    assertDurable(subject, opts);
    const h = opts.seen ? withSeen(handler, opts.seen) : handler;
    const sub: LocalSub = { pattern: subject, handler: h, queue: opts.queue, active: true, backlog: undefined };
    this.subs.add(sub);
    return {
      subject,
      unsubscribe: () => {
        sub.active = false;
        this.subs.remove(sub);
      },
    };
  }

  request(subject: string, data: string, opts: { timeoutMs?: number } = {}): Promise<BusMsg> {
    if (this.closed) return Promise.reject(new BusClosedError());
    const timeoutMs = opts.timeoutMs ?? 5000;
    const inbox = `_INBOX.local.${++this.inboxSeq}`;
    return new Promise<BusMsg>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.unsubscribe();
        reject(new RequestTimeoutError(subject, timeoutMs));
      }, timeoutMs);
      const sub = this.subscribe(inbox, (msg) => {
        clearTimeout(timer);
        sub.unsubscribe();
        resolve(msg);
      });
      if (this.route(subject, data, inbox) === 0) {
        clearTimeout(timer);
        sub.unsubscribe();
        reject(new NoRespondersError(subject));
      }
    });
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async drain(): Promise<void> {
    await this.idle();
    await this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs.clear();
    this.queue = [];
    this.head = 0;
    this.wakeIdle();
  }

  /** Enqueue one delivery per matching subscriber (one per queue group); returns how many. */
  private route(subject: string, data: string, reply: string | undefined, after?: string): number {
    if (this.closed) throw new BusClosedError();
    const matched = this.subs.match(subject);
    if (matched.length === 0) return 0; // no one hears it: nothing to build or queue
    const msg: BusMsg = {
      subject,
      data,
      reply,
      respond: (answer: string) => {
        if (reply && !this.closed) this.route(reply, answer, undefined);
      },
      after, // always present (undefined when none): one object shape on the hottest path, where a spread cost a slow literal
    };
    let plain: LocalSub[] | undefined;
    let groups: Map<string, LocalSub[]> | undefined;
    for (let i = 0; i < matched.length; i++) {
      const sub = matched[i]!;
      if (sub.queue === undefined) {
        if (plain) plain.push(sub);
        continue;
      }
      // A queue group member: the plain subscribers so far go on their own, the group gets one turn below.
      plain ??= matched.slice(0, i);
      groups ??= new Map();
      const g = groups.get(sub.queue) ?? [];
      g.push(sub);
      groups.set(sub.queue, g);
    }
    // The usual case, no queue group: the index's own (cached, never mutated) array of subscribers.
    const subs = plain ?? matched;
    if (subs.length > 0) this.queue.push({ subs, msg });
    let n = subs.length;
    for (const [name, members] of groups ?? []) {
      const turn = this.rr.get(name) ?? 0;
      this.rr.set(name, turn + 1);
      this.queue.push({ subs: [members[turn % members.length]!], msg });
      n++;
    }
    if (n > 0 && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.pump());
    }
    return n;
  }

  private pump(): void {
    this.scheduled = false;
    this.pumping = true;
    try {
      while (this.head < this.queue.length) {
        const { subs, msg } = this.queue[this.head++]!;
        for (let i = 0; i < subs.length && !this.closed; i++) {
          const sub = subs[i]!;
          if (!sub.active) continue;
          if (sub.backlog) sub.backlog.push(msg);
          else this.deliver(sub, msg);
        }
      }
    } finally {
      this.pumping = false; // an onHandlerError that throws must not leave the bus never idle
    }
    this.queue = [];
    this.head = 0;
    this.wakeIdle();
  }

  private deliver(sub: LocalSub, msg: BusMsg): void {
    this.delivered++;
    let result: void | Promise<void>;
    try {
      result = sub.handler(msg);
    } catch (err) {
      this.onHandlerError(err, msg);
      return;
    }
    if (result && typeof (result as Promise<void>).then === "function") {
      sub.backlog = [];
      this.running++;
      void this.finishAsync(sub, msg, result as Promise<void>);
    }
  }

  /** Await an async handler, then the messages that queued behind it, in order. */
  private async finishAsync(sub: LocalSub, first: BusMsg, pending: Promise<void>): Promise<void> {
    let msg = first;
    let p: Promise<void> | void = pending;
    for (;;) {
      try {
        await p;
      } catch (err) {
        this.onHandlerError(err, msg);
      }
      const next = sub.backlog?.shift();
      if (!next || !sub.active) break;
      msg = next;
      this.delivered++;
      try {
        p = sub.handler(next);
      } catch (err) {
        this.onHandlerError(err, next);
        p = undefined;
      }
    }
    sub.backlog = undefined;
    this.running--;
    if (this.head < this.queue.length && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.pump());
    }
    this.wakeIdle();
  }

  private isIdle(): boolean {
    return this.head >= this.queue.length && this.running === 0 && !this.scheduled && !this.pumping;
  }

  private wakeIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
