import { getMeta, type Db } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { StepFollower, StepLeader } from "../clock/index.ts";
import { everySecond, type MarketSource } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { causalBus, formatMarks, JournalFollower, JournalPublisher, publishAfterJournal } from "../replica/index.ts";
import { BootTurn } from "./BootTurn.ts";
import { roles } from "./floorAgents.ts";
import { patiently } from "./patiently.ts";
import { stepping, type Stepping } from "./Stepping.ts";

/**
 * One role of a split floor (`--role`): its own file, whose writes to the shared tables go out as
 * its state journal and whose copy of the others' comes in through theirs (floor/replica). In sim
 * and replay the feed's process leads the clock and the others follow it step by step; in paper
 * and live each follows the wall clock.
 */
export async function roleStepping(o: { db: Db; bus: Bus; role: string; source: MarketSource; log: Logger; clock: { now(): number }; signal?: AbortSignal }): Promise<Stepping> {
  const publisher = await patiently("reading the last journal message the stream keeps", o.log, () => JournalPublisher.start({ db: o.db, bus: o.bus, role: o.role, clock: o.clock }), o.signal);
  const follower = await patiently("reading the other roles' journals from the stream", o.log, () => JournalFollower.start({ db: o.db, bus: o.bus, role: o.role, log: o.log }), o.signal);
  // Every message carries how far this file stood (journalMarks); the agents get one only once theirs stands as far.
  const marks = () => formatMarks([[o.role, publisher.head], ...follower.positions()]);
  const bus = publishAfterJournal(o.bus, publisher, marks);
  const turn = new BootTurn({ bus, role: o.role, log: o.log });
  const fresh = getMeta(o.db, "floorTime") === undefined;
  // What every role's stepping shares: its agents' bus, its turn at a first start, and what it stops.
  const role = {
    bus: causalBus(bus, follower),
    beforeBoot: () => (fresh ? turn.wait(o.signal) : undefined),
    afterBoot: () => turn.booted(),
  };
  const stopAll = (...more: Array<{ stop(): void } | undefined>) => () => {
    for (const x of [...more, turn, follower]) x?.stop();
  };
  // At the run's end, what the others published last is read before this role stops.
  const caughtUp = async () => {
    if ((await bus.caughtUp?.()) === false) o.log.warn({ role: o.role }, "stopping with durable subscriptions not caught up after 10 s");
    // The others may still be handling the last step's orders, and writing rows of them: read their journals once every durable on the stream is drained.
    if ((await bus.streamQuiet?.()) === false) o.log.warn({ role: o.role }, "stopping with the stream's durable consumers not all drained after 10 s");
    await patiently("reading the other roles' journals from the stream at the end", o.log, () => follower.repair());
  };
  const wallTime = o.source.mode === "paper" || o.source.mode === "live";
  if (wallTime) return stepping({ ...role, steps: (start) => everySecond(start), stop: stopAll() });
  if (o.role === "feed") {
    const others = roles().filter((r) => r !== "all" && r !== "feed");
    const leader = new StepLeader({ bus, src: o.role, roles: others, log: o.log });
    const ended = async (last: number | undefined) => {
      if (last !== undefined) await leader.step(last, o.signal, true);
      await caughtUp();
    };
    return stepping({ ...role, steps: (start) => o.source.steps(start), done: (t) => leader.step(t, o.signal), ended, stop: stopAll(leader) });
  }
  let clock: StepFollower | undefined;
  const steps = (start: number) => (clock = new StepFollower({ bus, role: o.role, from: start })).steps(o.signal);
  return stepping({ ...role, paced: false, steps, done: (t) => void clock?.ack(t), ended: caughtUp, stop: () => stopAll(clock)() });
}
