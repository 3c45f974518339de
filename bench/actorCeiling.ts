import { assign, createActor, setup } from "xstate";
import { measureCeiling, secondsSince, type CeilingResult } from "./stats.ts";

/** The smallest useful machine: one context counter bumped by every TICK. */
const counter = setup({
  types: { context: {} as { n: number }, events: {} as { type: "TICK" } },
}).createMachine({
  id: "counter",
  context: { n: 0 },
  on: { TICK: { actions: assign({ n: ({ context }) => context.n + 1 }) } },
});

/** One timed run: `n` synchronous `send`s to one started actor. Returns seconds. */
async function actorOnce(n: number): Promise<number> {
  const actor = createActor(counter).start();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) actor.send({ type: "TICK" });
  const sec = secondsSince(t0);
  const seen = actor.getSnapshot().context.n;
  actor.stop();
  if (seen !== n) throw new Error(`actor processed ${seen} of ${n} events`);
  return sec;
}

/** Events per second one XState v5 actor processes (no subscribers, no inspection). */
export async function xstateActorCeiling(): Promise<CeilingResult> {
  return measureCeiling(actorOnce, { startN: 20_000 });
}
