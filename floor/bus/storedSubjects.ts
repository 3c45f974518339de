/**
 * Subject families the floor keeps in its JetStream stream (relative to the bus prefix): order
 * flow, audit facts and the agents' lifecycle facts (births, deaths, failures: the design card's
 * `floor.agent.<verb>` facts, which this floor publishes as `floor.life.<verb>`; its
 * `floor.agent.*` are the supervisor's commands, bus requests that are answered, not kept), which
 * durable consumers read back after a restart, and `state.>`, the state journal. Pure, so the
 * in-process bus checks durable subscriptions the same way.
 */
export const STORED_SUBJECTS = ["order.>", "audit.>", "floor.life.>", "state.>"] as const;

/** The leading tokens of STORED_SUBJECTS ("order.", …): a subject is stored when it starts with one and goes on. */
const STORED_STEMS = STORED_SUBJECTS.map((s) => s.slice(0, -1));

/** True when the stream captures `subject` (relative to the bus prefix), i.e. it matches one of STORED_SUBJECTS. */
export function isStoredSubject(subject: string): boolean {
  return STORED_STEMS.some((stem) => subject.length > stem.length && subject.startsWith(stem));
}

/** A durable subscription must be on stored subjects, outside any queue group; anything else is the caller's mistake. */
export function assertDurable(subject: string, opts: { durable?: string; queue?: string }): void {
  if (opts.durable === undefined) return;
  if (!opts.durable.trim()) throw new Error(`durable subscription to ${subject}: the durable name is empty`);
  if (!isStoredSubject(subject)) {
    throw new Error(`durable subscription ${opts.durable} to ${subject}: only subjects kept in the stream (${STORED_SUBJECTS.join(", ")}) can be consumed durably`);
  }
  if (opts.queue !== undefined) throw new Error(`durable subscription ${opts.durable} to ${subject}: a durable cannot also be in queue group ${opts.queue}`);
}
