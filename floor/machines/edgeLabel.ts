/** What kind of transition an edge is; `always` and `after` read differently from an event's. */
export type EdgeKind = "event" | "always" | "after" | "done" | "error";

/** A delay as people say it: 1500 → "1.5s", 60000 → "1min"; a named delay (machine option) as its name. */
export function delayText(delay: number | string): string {
  if (typeof delay === "string") return /^\d+$/.test(delay) ? delayText(Number(delay)) : delay;
  if (delay >= 60_000 && delay % 60_000 === 0) return `${delay / 60_000}min`;
  if (delay >= 1000 && delay % 100 === 0) return `${delay / 1000}s`;
  return `${delay}ms`;
}

/**
 * An edge's label from XState's event type: eventless transitions read `always`, delayed ones
 * `after 5s` (XState names them `xstate.after.<delay>.<state id>`), completion ones `done`/`done: <actor>`,
 * and a guard follows in brackets: `always [ready]`.
 */
export function edgeLabel(eventType: string, guard?: string, delay?: number | string): { kind: EdgeKind; text: string } {
  const [kind, text] = readable(eventType, delay);
  return { kind, text: guard ? `${text} [${guard}]` : text };
}

function readable(eventType: string, delay?: number | string): [EdgeKind, string] {
  if (eventType === "") return ["always", "always"];
  if (eventType.startsWith("xstate.after.")) return ["after", `after ${delayText(delay ?? eventType.split(".")[2]!)}`];
  if (eventType.startsWith("xstate.done.state.")) return ["done", "done"];
  if (eventType.startsWith("xstate.done.actor.")) return ["done", `done: ${eventType.slice("xstate.done.actor.".length)}`];
  if (eventType.startsWith("xstate.error.actor.")) return ["error", `error: ${eventType.slice("xstate.error.actor.".length)}`];
  return ["event", eventType];
}
