// Issue 15, roles: each role's process keeps its own SQLite file, and the rows another role writes
// reach it through that role's state journal on the stream (DESIGN "State", floor/replica).
import { afterAll, afterEach, expect, it } from "vitest";
import { NatsBus, overrideBus, type Bus, type Handler, type SubscribeOptions } from "../../floor/bus/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { causalBus, formatMarks, JournalFollower, JournalPublisher, publishAfterJournal } from "../../floor/replica/index.ts";
import { addCash, appliedThrough, journalHead, openDb, recordFill, recordOrder, StateJournal, transferCash, type Db } from "../../state/index.ts";
import { JournalBatch } from "../../protocols/index.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { within } from "../bus/busContract.ts";

const TOKEN = "7".repeat(77);
const log = createLogger({ level: "silent" });
const clock = { now: () => 1_767_225_600_000 };

function fill(db: Db, i: number): void {
  recordOrder(db, { orderId: `o${i}`, intentId: `i${i}`, agentId: "t1", marketId: "m1", tokenId: TOKEN, outcome: "Up", side: "BUY", type: "FAK", price: 480_000, size: 5_000_000, status: "live", ts: 10 + i });
  recordFill(db, { fillId: `f${i}`, orderId: `o${i}`, agentId: "t1", marketId: "m1", outcome: "Up", side: "BUY", price: 480_000, size: 5_000_000, feeShares: 0, feeUsd: 87_360, cashDelta: -2_487_360, sharesDelta: 5_000_000, ts: 10 + i });
}
const cashOfT1 = (db: Db) => (db.prepare("SELECT COALESCE(SUM(delta_micro), 0) AS n FROM cash WHERE agent_id = 't1'").get() as { n: number }).n;
/** Resolves once `done()` holds (polled every 20 ms); fails naming `what` after `ms`. */
const until = (done: () => boolean, what: string, ms: number) =>
  within((async () => {
    while (!done()) await new Promise((r) => setTimeout(r, 20));
  })(), ms, what);
const fills = (db: Db) => db.prepare("SELECT * FROM fills ORDER BY fill_id").all();

/** `bus`, except that its subscribers never get the first `state.*` message: as a client disconnected while it went out. */
function missingFirstJournal(bus: Bus): { bus: Bus; dropped(): number } {
  let dropped = 0;
  const subscribe = (subject: string, handler: Handler, opts?: SubscribeOptions) =>
    bus.subscribe(subject, (m) => (m.subject.startsWith("state.") && dropped++ === 0 ? undefined : handler(m)), opts);
  const lossy = overrideBus(bus, { subscribe });
  return { bus: lossy, dropped: () => dropped };
}

/** `bus`, except that what it delivers on `state.*` reaches its subscribers `ms` late, or never (`ms` null): a journal slower than the facts. */
function lateJournal(bus: Bus, ms: number | null): Bus {
  const subscribe = (subject: string, handler: Handler, opts?: SubscribeOptions) =>
    bus.subscribe(subject, (m) => (!m.subject.startsWith("state.") ? handler(m) : ms === null ? undefined : new Promise<void>((r) => setTimeout(() => r(handler(m)), ms))), opts);
  return overrideBus(bus, { subscribe });
}

await describeNats("the state journal over NATS", () => {
  const url = natsUrl();
  const streams = new Set<string>();
  const open: Array<{ close(): unknown }> = [];
  const tmp = tmpDir("replica");
  const bus = async (prefix: string) => {
    const b = await NatsBus.connect({ url, prefix });
    streams.add(b.streamName);
    open.push(b);
    return b;
  };
  const file = (name: string) => {
    const db = openDb(tmp.path(name));
    open.push(db);
    return db;
  };
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(async () => {
    await dropStreams(url, streams);
    tmp.remove();
  });

  it("prunes the rows the stream keeps from its own journal as it goes, so journal_out does not grow for the whole run", async () => {
    const db = file("prune-1.db");
    const b = await bus(uniquePrefix("jr"));
    const p = await JournalPublisher.start({ db, bus: b, role: "exchange", clock, pruneEvery: 10 });
    const rows = () => (db.prepare("SELECT COUNT(*) AS n FROM journal_out").get() as { n: number }).n;
    for (let i = 0; i < 25; i++) {
      fill(db, i);
      await new Promise((r) => setTimeout(r, 5)); // each fill's rows (five) their own message
    }
    await until(() => p.sent >= 25 && rows() < journalHead(db), "journal_out pruned", 10_000);
    const last = JournalBatch.parse(JSON.parse((await b.lastStored!("state.exchange"))!));
    // Only what the stream keeps went: every row after the stream's last is still here, none before the first kept.
    const oldest = (db.prepare("SELECT MIN(seq) AS n FROM journal_out").get() as { n: number | null }).n ?? Infinity;
    expect(oldest).toBeGreaterThan(1);
    expect(oldest).toBeLessThanOrEqual(last.rows.at(-1)![0] + 1);
    expect(rows()).toBe(journalHead(db) - oldest + 1);
  });

  it("gives the boss's file the exchange's fills before the fill's own message arrives, and the exchange's file the boss's capital", async () => {
    const prefix = uniquePrefix("jr");
    const exDb = file("exchange-1.db");
    const bossDb = file("boss-1.db");
    const exBus = await bus(prefix);
    const bossBus = await bus(prefix);
    const ex = await JournalPublisher.start({ db: exDb, bus: exBus, role: "exchange", clock });
    const boss = await JournalPublisher.start({ db: bossDb, bus: bossBus, role: "boss", clock });
    await JournalFollower.start({ db: exDb, bus: exBus, role: "exchange", log });
    const follower = await JournalFollower.start({ db: bossDb, bus: bossBus, role: "boss", log });
    const exOut = publishAfterJournal(exBus, ex);
    // What the boss's file holds when each fill's own message reaches it.
    const seenAtEvent: number[] = [];
    bossBus.subscribe("order.event.t1", () => void seenAtEvent.push(fills(bossDb).length));
    await bossBus.idle();

    addCash(bossDb, "floor", 1_000_000_000, "deposit", "initial capital", 0);
    transferCash(bossDb, "floor", "t1", 50_000_000, "alloc-t1", 1);
    for (let i = 0; i < 20; i++) {
      fill(exDb, i);
      exOut.publish("order.event.t1", JSON.stringify({ v: 1, id: `exchange.1.${i}`, ts: 10 + i, src: "exchange", n: i + 1 }));
    }
    await until(() => !(seenAtEvent.length < 20 || appliedThrough(exDb, "boss") < journalHead(bossDb)), "replication", 10_000);
    expect(seenAtEvent).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(fills(bossDb)).toEqual(fills(exDb));
    // Both files hold both roles' cash rows: the same balance either way.
    expect(cashOfT1(bossDb)).toBe(50_000_000 - 20 * 2_487_360);
    expect(cashOfT1(exDb)).toBe(cashOfT1(bossDb));
    expect(follower.stats).toMatchObject({ gaps: 0, refused: 0, invalid: 0 });
    expect(boss.sent).toBeGreaterThan(0);
  });

  for (const [late, ms] of [["150 ms late", 150], ["never live (read back from the stream)", null]] as const) {
    it(`holds a fact read from a durable consumer until this file has the rows its sender had, the journal coming ${late}`, async () => {
      const prefix = uniquePrefix("jr");
      const exDb = file(`exchange-c${ms}.db`);
      const bossDb = file(`boss-c${ms}.db`);
      const exBus = await bus(prefix);
      const bossBus = await bus(prefix);
      const ex = await JournalPublisher.start({ db: exDb, bus: exBus, role: "exchange", clock });
      const exIn = await JournalFollower.start({ db: exDb, bus: exBus, role: "exchange", log });
      const follower = await JournalFollower.start({ db: bossDb, bus: lateJournal(bossBus, ms), role: "boss", log });
      const exOut = publishAfterJournal(exBus, ex, () => formatMarks([["exchange", ex.head], ...exIn.positions()]));
      const seenAtEvent: number[] = [];
      causalBus(bossBus, follower).subscribe("order.event.t1", () => void seenAtEvent.push(fills(bossDb).length), { durable: "boss-1.order.event.t1" });
      await bossBus.idle();
      for (let i = 0; i < 8; i++) {
        fill(exDb, i);
        exOut.publish("order.event.t1", JSON.stringify({ v: 1, id: `exchange.1.${i}`, ts: 10 + i, src: "exchange", n: i + 1 }));
      }
      await until(() => !(seenAtEvent.length < 8), "the facts", 20_000);
      // Each fact finds at least its own fill (later ones too, when they came in the same read). Without the wait the facts come first: [0, 0, …] (checked).
      expect(seenAtEvent.map((n, i) => n >= i + 1)).toEqual(Array(8).fill(true));
      expect(follower.stats.waited).toBeGreaterThan(0);
      expect(follower.stats.unmet).toBe(0);
      if (ms === null) expect(follower.stats.repairs).toBeGreaterThan(1);
    });
  }

  it("never sends the rows of a transaction that is rolled back, though a message was published inside it", async () => {
    const prefix = uniquePrefix("jr");
    const exDb = file("exchange-rb.db");
    const bossDb = file("boss-rb.db");
    const exBus = await bus(prefix);
    const bossBus = await bus(prefix);
    const ex = await JournalPublisher.start({ db: exDb, bus: exBus, role: "exchange", clock });
    await JournalFollower.start({ db: bossDb, bus: bossBus, role: "boss", log });
    const exOut = publishAfterJournal(exBus, ex);
    await bossBus.idle();
    expect(() =>
      exDb.transaction(() => {
        fill(exDb, 0);
        exOut.publish("order.event.t1", JSON.stringify({ v: 1, id: "exchange.1.0", ts: 10, src: "exchange", n: 1 }));
        throw new Error("the handling failed after it published");
      })(),
    ).toThrow(/failed/);
    fill(exDb, 1); // committed, with the journal numbers the rolled-back rows had
    await until(() => !(appliedThrough(bossDb, "exchange") < journalHead(exDb)), "replication", 10_000);
    // Sent from inside the transaction, the boss's file would hold fill f0, never committed, and lack f1 (checked).
    expect(fills(bossDb)).toEqual(fills(exDb));
    expect(fills(exDb)).toHaveLength(1);
  });

  it("never applies a batch over a hole while the stream cannot be read (a cluster electing): the rows come once it can, with no gap", async () => {
    const prefix = uniquePrefix("jr");
    const exDb = file("exchange-el.db");
    const bossDb = file("boss-el.db");
    const exBus = await bus(prefix);
    const lossy = missingFirstJournal(await bus(prefix));
    let failing = false;
    const readStream = lossy.bus.streamMessages?.bind(lossy.bus);
    if (!readStream) throw new Error("a NATS bus reads its stream");
    const electing = overrideBus(lossy.bus, {
      streamMessages: (filter) => (failing ? Promise.reject(new Error("JetStream timeout")) : readStream(filter)),
    });
    const follower = await JournalFollower.start({ db: bossDb, bus: electing, role: "boss", log });
    await JournalPublisher.start({ db: exDb, bus: exBus, role: "exchange", clock });
    failing = true;
    fill(exDb, 0); // dropped live
    await until(() => !(lossy.dropped() === 0), "the first batch, dropped", 10_000);
    fill(exDb, 1); // live, after a hole the stream cannot fill yet
    await new Promise((r) => setTimeout(r, 300));
    // Applied over the hole, f0 would be skipped for good as a repeat.
    expect(appliedThrough(bossDb, "exchange")).toBe(0);
    failing = false;
    fill(exDb, 2);
    await until(() => !(appliedThrough(bossDb, "exchange") < journalHead(exDb)), "catch-up", 10_000);
    expect(fills(bossDb)).toEqual(fills(exDb));
    expect(fills(bossDb)).toHaveLength(3);
    expect(follower.stats.gaps).toBe(0);
  });

  it("sends what a killed process committed but never sent, once, and a second start sends nothing again", async () => {
    const prefix = uniquePrefix("jr");
    const exDb = file("exchange-2.db");
    const bossDb = file("boss-2.db");
    const bossBus = await bus(prefix);
    const follower = await JournalFollower.start({ db: bossDb, bus: bossBus, role: "boss", log });
    await bossBus.idle();
    const first = await bus(prefix);
    await JournalPublisher.start({ db: exDb, bus: first, role: "exchange", clock });
    fill(exDb, 0);
    await first.idle();
    await first.drain();
    // Written as a killed process leaves them: committed with their journal rows, never published.
    StateJournal.start(exDb).onWrite = () => undefined;
    for (let i = 1; i < 5; i++) fill(exDb, i);
    const again = await JournalPublisher.start({ db: exDb, bus: await bus(prefix), role: "exchange", clock });
    await until(() => !(appliedThrough(bossDb, "exchange") < journalHead(exDb)), "catch-up", 10_000);
    expect(again.sent).toBe(1);
    expect(fills(bossDb)).toEqual(fills(exDb));
    expect(follower.stats.repeats).toBe(0);
    // Started a third time: the stream keeps everything, nothing is sent.
    const third = await JournalPublisher.start({ db: exDb, bus: await bus(prefix), role: "exchange", clock });
    expect(third.sent).toBe(0);
  });

  it("refuses a role's rows for a table it does not write, and a message sent in another role's name", async () => {
    const prefix = uniquePrefix("jr");
    const bossDb = file("boss-3.db");
    const bossBus = await bus(prefix);
    const follower = await JournalFollower.start({ db: bossDb, bus: bossBus, role: "boss", log });
    const forger = await bus(prefix);
    await bossBus.idle();
    const row = [1, "INSERT INTO cash (agent_id, delta_micro, reason, ref, ts) VALUES (?, ?, ?, ?, ?)", ["t1", 9_000_000_000, "deposit", "free money", 0]];
    forger.publish("state.monitor", JSON.stringify({ v: 1, id: "m-1", ts: 0, src: "monitor", rows: [row] }));
    forger.publish("state.exchange", JSON.stringify({ v: 1, id: "m-2", ts: 0, src: "monitor", rows: [row] }));
    await until(() => !(follower.stats.refused + follower.stats.invalid < 2), "refusals", 10_000);
    expect(follower.stats).toMatchObject({ refused: 1, invalid: 1, applied: 0 });
    expect(cashOfT1(bossDb)).toBe(0);
  });

  it("reads back from the stream the rows of a batch it missed live (one the outbox resent after a NATS restart), so the file has no gap", async () => {
    const prefix = uniquePrefix("jr");
    const exDb = file("exchange-4.db");
    const bossDb = file("boss-4.db");
    const exBus = await bus(prefix);
    const lossy = missingFirstJournal(await bus(prefix));
    const follower = await JournalFollower.start({ db: bossDb, bus: lossy.bus, role: "boss", log });
    await JournalPublisher.start({ db: exDb, bus: exBus, role: "exchange", clock });
    fill(exDb, 0);
    await until(() => !(lossy.dropped() === 0), "the first batch, dropped", 10_000);
    expect(appliedThrough(bossDb, "exchange")).toBe(0);
    fill(exDb, 1);
    await until(() => !(appliedThrough(bossDb, "exchange") < journalHead(exDb)), "catch-up", 10_000);
    expect(fills(bossDb)).toEqual(fills(exDb));
    expect(fills(bossDb)).toHaveLength(2);
    expect(follower.stats.gaps).toBe(0);
    expect(bossDb.prepare("SELECT gaps, conflicts FROM journal_in WHERE source = 'exchange'").get()).toEqual({ gaps: 0, conflicts: 0 });
  });
});
