import type { Bus, Subscription } from "../bus/Bus.ts";
import type { AgentTransition } from "../host/index.ts";
import { EventRing } from "./EventRing.ts";
import { SseHub, sseFrame, type SseOptions } from "./SseHub.ts";

/** What the feed follows on the bus, and the type its events get (the subject says which agent). */
const FOLLOWED: ReadonlyArray<readonly [pattern: string, type: string]> = [
  ["floor.life.*", "life"], ["floor.operator.*", "operator"], ["ctl.*.*", "ctl"],
  ["order.intent.*", "intent"], ["order.decision.*", "decision"], ["order.event.*", "order"],
  ["audit.*", "audit"], ["metrics.*", "metrics"], ["md.health.*", "health"],
];

/** Transitions kept per agent for its statechart. */
const TRANSITIONS_KEPT = 50;
/** Wall ms between two metrics events of one agent in the feed (the latest is always kept for the API). */
const METRICS_EVERY_MS = 1000;

export interface FeedOptions extends SseOptions {
  capacity?: number;
  /** Wall time, for coalescing metrics. */
  wallNow?: () => number;
}

/**
 * The dashboard's live view of the floor, without reading the database: the bus's lifecycle,
 * control, order, audit, metrics and feed-health messages and every agent's state changes, each
 * numbered into a ring (`/api/events?since=`) and sent to the stream's clients (`/api/stream`).
 * A message is kept as the bus carried it (no re-encoding); one that is not a JSON object is
 * counted (`malformed`) and left out. Metrics are coalesced to one per agent per second of wall
 * time; the latest body of each agent is kept for `/api/agents`.
 */
export class DashboardFeed {
  readonly ring: EventRing;
  readonly hub: SseHub;
  readonly metrics = new Map<string, Record<string, unknown>>();
  private readonly transitions = new Map<string, AgentTransition[]>();
  private readonly metricsSent = new Map<string, number>();
  private readonly subs: Subscription[];
  private readonly wallNow: () => number;
  malformed = 0;

  constructor(bus: Bus, o: FeedOptions = {}) {
    this.ring = new EventRing(o.capacity);
    this.hub = new SseHub(this.ring, o);
    this.wallNow = o.wallNow ?? Date.now;
    this.subs = FOLLOWED.map(([pattern, type]) => bus.subscribe(pattern, (m) => this.message(type, m.subject, m.data)));
  }

  /** An agent's state changed (the hosts' hook): kept for its statechart, and an event. */
  readonly transition = (t: AgentTransition): void => {
    const list = this.transitions.get(t.agentId) ?? [];
    list.push(t);
    if (list.length > TRANSITIONS_KEPT) list.shift();
    this.transitions.set(t.agentId, list);
    this.push((seq) => JSON.stringify({ seq, type: "transition", ...t }));
  };

  /** An agent's last transitions, oldest first. */
  transitionsOf(agentId: string): readonly AgentTransition[] {
    return this.transitions.get(agentId) ?? [];
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.hub.close();
  }

  private message(type: string, subject: string, data: string): void {
    if (!data.startsWith("{") || data.includes("\n")) {
      this.malformed++;
      return;
    }
    if (type === "metrics" && !this.metric(subject, data)) return;
    this.push((seq) => `{"seq":${seq},"type":${JSON.stringify(type)},"subject":${JSON.stringify(subject)},"msg":${data}}`);
  }

  /** Keep the latest metrics of the agent; true when enough wall time has passed to send them. */
  private metric(subject: string, data: string): boolean {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(data) as Record<string, unknown>;
    } catch {
      this.malformed++;
      return false;
    }
    const agentId = subject.slice("metrics.".length);
    this.metrics.set(agentId, body);
    const now = this.wallNow();
    if (now - (this.metricsSent.get(agentId) ?? -Infinity) < METRICS_EVERY_MS) return false;
    this.metricsSent.set(agentId, now);
    return true;
  }

  private push(line: (seq: number) => string): void {
    const e = this.ring.push(line);
    this.hub.send(sseFrame(e.seq, e.line));
  }
}
