import { getMeta, type Db } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { retryJetStream } from "../bus/jetStreamRetry.ts";
import { StepFollower, StepLeader } from "../clock/index.ts";
import { everySecond, type MarketSource } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { JournalFollower, JournalPublisher, publishAfterJournal } from "../replica/index.ts";
import { BootTurn } from "./BootTurn.ts";
import { roles } from "./floorAgents.ts";

/** How a floor's process walks through floor time: its steps, what it does after each, and at the end. */
export interface Stepping {
  /** The bus the process's agents use. */
  readonly bus: Bus;
  /** Before the process boots its agents (a split floor's first start waits for its turn here). */
  beforeBoot(): Promise<void> | undefined;
  /** Its agents are up and listening. */
  afterBoot(): void;
  /** Whether the runner paces the steps against the wall clock (a follower's leader paces them). */
  readonly paced: boolean;
  steps(start: number): Iterable<number> | AsyncIterable<number>;
  /** After step `t` is done and committed. (Undefined, not a promise, when there is nothing to wait for: one process keeps its timing exactly.) */
  done(t: number): Promise<void> | undefined;
  /** The run reached its end at `last` (not on a signal): tell whoever waits. */
  ended(last: number | undefined): Promise<void>;
  stop(): void;
}

/** One process runs every role: the source's steps, nothing to tell anyone. */
export function embeddedStepping(bus: Bus, source: MarketSource): Stepping {
  return { bus, beforeBoot: () => undefined, afterBoot: () => undefined, paced: true, steps: (start) => source.steps(start), done: () => undefined, ended: async () => undefined, stop: () => undefined };
}

/**
 * One role of a split floor (`--role`): its own file, whose writes to the shared tables go out as
 * its state journal and whose copy of the others' comes in through theirs (floor/replica). In sim
 * and replay the feed's process leads the clock and the others follow it step by step; in paper
 * and live each follows the wall clock.
 */
export async function roleStepping(o: { db: Db; bus: Bus; role: string; source: MarketSource; log: Logger; clock: { now(): number }; signal?: AbortSignal }): Promise<Stepping> {
  const publisher = await patiently("reading the last journal message the stream keeps", o.log, () => JournalPublisher.start({ db: o.db, bus: o.bus, role: o.role, clock: o.clock }), o.signal);
  const bus = publishAfterJournal(o.bus, publisher);
  const follower = await patiently("reading the other roles' journals from the stream", o.log, () => JournalFollower.start({ db: o.db, bus, role: o.role, log: o.log }), o.signal);
  const turn = new BootTurn({ bus, role: o.role, log: o.log });
  const fresh = getMeta(o.db, "floorTime") === undefined;
  const boot = {
    beforeBoot: () => (fresh ? turn.wait(o.signal) : undefined),
    afterBoot: () => turn.booted(),
  };
  const stopAll = (...more: Array<{ stop(): void } | undefined>) => () => {
    for (const x of [...more, turn, follower]) x?.stop();
  };
  // At the run's end, what the others published last is read before this role stops.
  const caughtUp = async () => {
    if ((await bus.caughtUp?.()) === false) o.log.warn({ role: o.role }, "stopping with durable subscriptions not caught up after 10 s");
    await patiently("reading the other roles' journals from the stream at the end", o.log, () => follower.repair());
  };
  const wallTime = o.source.mode === "paper" || o.source.mode === "live";
  if (wallTime) return { bus, ...boot, paced: true, steps: (start) => everySecond(start), done: () => undefined, ended: async () => undefined, stop: stopAll() };
  if (o.role === "feed") {
    const others = roles().filter((r) => r !== "all" && r !== "feed");
    const leader = new StepLeader({ bus, src: o.role, roles: others, log: o.log });
    return {
      bus,
      ...boot,
      paced: true,
      steps: (start) => o.source.steps(start),
      done: (t) => leader.step(t, o.signal),
      ended: async (last) => {
        if (last !== undefined) await leader.step(last, o.signal, true);
        await caughtUp();
      },
      stop: stopAll(leader),
    };
  }
  let clock: StepFollower | undefined;
  return {
    bus,
    ...boot,
    paced: false,
    steps: (start) => (clock = new StepFollower({ bus, role: o.role, from: start })).steps(o.signal),
    done: (t) => void clock?.ack(t),
    ended: caughtUp,
    stop: () => stopAll(clock)(),
  };
}

/** The iterator of a sync or async iterable: `next()` gives a promise only for the async one. */
export function iterate<T>(it: Iterable<T> | AsyncIterable<T>): { next(): IteratorResult<T> | Promise<IteratorResult<T>> } {
  return Symbol.asyncIterator in it ? it[Symbol.asyncIterator]() : it[Symbol.iterator]();
}

/**
 * A JetStream read at a role's start, tried again with backoff while JetStream times out or is
 * electing (a fresh cluster, a failover, a loaded machine), for up to a minute; then it fails naming what.
 */
function patiently<T>(what: string, log: Logger, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const stopped = () => signal?.aborted === true;
  const onRetry = (attempt: number, err: Error, delayMs: number) => log.warn({ attempt, err: err.message, delayMs }, `${what} failed; trying again`);
  return retryJetStream(what, fn, { clustered: true, onRetry, stopped });
}
