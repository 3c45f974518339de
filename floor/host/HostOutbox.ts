import { PROTOCOL_VERSION, encode, subjects, type Heartbeat } from "../../protocols/index.ts";
import type { SentMessage } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { isStoredSubject } from "../bus/storedSubjects.ts";
import type { FloorClock } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { AgentSpec } from "./AgentSpec.ts";
import type { HostCounters } from "./HostCheckpoint.ts";
import { publishCheck } from "./publishAllowed.ts";

interface OutboxOptions {
  spec: AgentSpec;
  bus: Bus;
  clock: FloorClock;
  log: Logger;
  runId: number;
  counters: HostCounters;
}

/**
 * What a host sends for its agent: each message enveloped (`<agent>.<run>.<n>` ids, numbered in
 * `seq`), held to the agent kind's publish rights and validated against its subject's schema. A
 * publish outside those rights and an invalid message received are counted, logged and audited.
 */
export class HostOutbox {
  /** How many messages this host has numbered. */
  seq = 0;
  private hbSubject: string | undefined;
  /** While `capture` runs: what is sent on stored subjects. */
  private sent: SentMessage[] | undefined;
  private readonly mayPublish: (subject: string) => boolean;

  constructor(private readonly o: OutboxOptions) {
    this.mayPublish = publishCheck(o.spec.kind, o.spec.id);
  }

  /** Returns the message as sent (its JSON), undefined when refused. */
  publish(subject: string, body: Record<string, unknown>): string | undefined {
    if (!this.mayPublish(subject)) {
      this.refuse(subject);
      return undefined;
    }
    const msg = { v: PROTOCOL_VERSION, id: this.nextId(), ts: this.o.clock.now(), src: this.o.spec.id, ...body };
    const data = encode(subject, msg);
    this.o.bus.publish(subject, data);
    this.o.counters.published++;
    if (this.sent && isStoredSubject(subject)) this.sent.push({ subject, data });
    return data;
  }

  /** Run `fn`; returns what it sent on stored subjects (the messages a durable's handling must not lose: see handledOnce). */
  capture(fn: () => void): SentMessage[] {
    const outer = this.sent;
    const sent: SentMessage[] = (this.sent = []);
    try {
      fn();
    } finally {
      this.sent = outer;
      outer?.push(...sent);
    }
    return sent;
  }

  /**
   * A heartbeat, the one message every agent sends every few seconds (a 200-trader floor: 72,000 an
   * hour), goes out without the schema pass `publish` gives what an agent writes: the host builds
   * it, typed as the schema's type (tests/floor/agentHost.test.ts decodes it), and its right to
   * the subject is checked as for any other. When no one can hear it (the in-process bus with no
   * subscriber to it, as an embedded floor has) it is not built: its number is taken all the same.
   */
  beat(state: string): void {
    this.hbSubject ??= subjects.hb(this.o.spec.id);
    if (!this.mayPublish(this.hbSubject)) return this.refuse(this.hbSubject);
    if (this.o.bus.interested?.(this.hbSubject) === false) {
      this.seq++;
      return;
    }
    const seq = this.seq; // the messages numbered before this one
    const msg: Heartbeat = { v: PROTOCOL_VERSION, id: this.nextId(), ts: this.o.clock.now(), src: this.o.spec.id, state, seq };
    this.o.bus.publish(this.hbSubject, JSON.stringify(msg));
    this.o.counters.published++;
  }

  /** Invalid input is counted, logged and audited, never thrown into the agent. */
  rejectInvalid(subject: string, data: string, error: string): void {
    this.o.counters.invalid++;
    this.o.log.warn({ subject, error }, "invalid message rejected");
    if (subject.startsWith("audit.")) return; // never audit the audit stream's own garbage in a loop
    this.publish(subjects.audit("invalid"), { kind: "invalid", severity: "invalid", subject, detail: { error, sample: data.slice(0, 300) } });
  }

  private nextId(): string {
    return `${this.o.spec.id}.${this.o.runId}.${++this.seq}`;
  }

  /** Not sent: counted, logged and audited (audit.* is every kind's, so this cannot loop). */
  private refuse(subject: string): void {
    this.o.counters.refused++;
    this.o.log.warn({ subject, kind: this.o.spec.kind }, "publish outside the agent's rights refused");
    this.publish(subjects.audit("violation"), { kind: "violation", severity: "violation", subject, detail: { rule: "publish_rights", operation: "publish", agentId: this.o.spec.id, agentKind: this.o.spec.kind } });
  }
}
