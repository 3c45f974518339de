// Issue 8 item 9: a new floor on a shared server was warned "another floor on this stream?" when
// its envelope ids (which restart at <agent>.1.1 with every new database) met an earlier floor's
// messages still in the stream's duplicate window. Only a collision with a message stored since
// this bus connected is worth that warning.
import { afterAll, afterEach, expect, it } from "vitest";
import { NatsBus, type NatsBusOptions } from "../../floor/bus/index.ts";
import { describeNats, dropStreams, natsTargets, uniquePrefix } from "../helpers/nats.ts";
import { within } from "./busContract.ts";

const envelope = (id: string, body = {}) => JSON.stringify({ v: 1, id, ts: 0, src: "boss", ...body });

for (const { label, url: target } of natsTargets()) await describeNats(`JetStream msgID collisions (${label})`, () => {
  const url = target!;
  const streams = new Set<string>();
  const open: NatsBus[] = [];
  const natsBus = async (prefix: string, warnings: string[] = []) => {
    const opts: NatsBusOptions = { url, prefix, warn: (w) => void warnings.push(w) };
    const bus = await NatsBus.connect(opts);
    streams.add(bus.streamName);
    open.push(bus);
    return bus;
  };
  const publishAll = async (bus: NatsBus, ids: string[], subject = "order.intent.momentum-1") => {
    for (const id of ids) bus.publish(subject, envelope(id));
    await within(bus.idle(), 10_000, "idle()");
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  afterAll(() => dropStreams(url, streams));
  const ids = ["boss.1.1", "boss.1.2", "feed.1.1"];

  it("gives a fresh floor no warning when an earlier floor's messages with the same ids are in the stream", async () => {
    const prefix = uniquePrefix();
    const earlier = await natsBus(prefix);
    await publishAll(earlier, ids);
    await earlier.close();
    // Other floors' streams on the server, and this prefix's own leftovers: a new floor (a fresh db) starts its ids again.
    const others = await natsBus(uniquePrefix());
    await publishAll(others, ids);
    const warnings: string[] = [];
    const fresh = await natsBus(prefix, warnings);
    await publishAll(fresh, ids);
    expect(warnings).toEqual([]);
    const stored = await fresh.streamMessages("order.>");
    expect(stored).toHaveLength(6); // every message is stored: the fresh floor's under ids of their own
    expect(fresh.status.outbox).toMatchObject({ acked: 3, renamed: 3, failed: 0 });
  });

  it("still warns when another bus on the stream stores the same id while this one is connected", async () => {
    const prefix = uniquePrefix();
    const warnings: string[] = [];
    const a = await natsBus(prefix, warnings);
    const b = await natsBus(prefix);
    await publishAll(b, ["boss.1.1"]);
    await publishAll(a, ["boss.1.1", "boss.1.2"]);
    expect(warnings).toEqual([expect.stringContaining("already holds msgID boss.1.1")]);
    expect(warnings[0]).toMatch(/another floor on this stream/);
  });

  it("warns when this bus itself publishes two different messages under one envelope id", async () => {
    const warnings: string[] = [];
    const bus = await natsBus(uniquePrefix(), warnings);
    await publishAll(bus, ["dup.1.1"], "order.intent.a");
    await publishAll(bus, ["dup.1.1"], "order.intent.b");
    expect(warnings).toEqual([expect.stringContaining("already holds msgID dup.1.1")]);
  });
}, target);
