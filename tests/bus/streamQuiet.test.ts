// The end of a split run: a role reads the others' journals only once no durable consumer on the
// stream, any process's, is still holding a message (NatsBus.streamQuiet).
import { expect, it } from "vitest";
import { describeNats, natsBusPerTest, natsUrl, uniquePrefix } from "../helpers/nats.ts";

const env = (n: number) => JSON.stringify({ v: 1, id: `q-${n}`, n });

await describeNats("NatsBus.streamQuiet", () => {
  const bus = natsBusPerTest(natsUrl());

  it("waits while a durable still handles a message, and holds once it is acknowledged", async () => {
    const prefix = uniquePrefix("quiet");
    const worker = await bus(prefix);
    let release!: () => void;
    const handling = new Promise<void>((r) => (release = r));
    const handled: number[] = [];
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    worker.subscribe("order.q.*", async (m) => {
      started();
      await handling;
      handled.push((JSON.parse(m.data) as { n: number }).n);
    }, { durable: "w-1.order.q.*" });
    worker.publish("order.q.a", env(1)); // held by the bus until its consumer exists
    // The worker holds the message: not quiet within a second.
    await inHandler;
    expect(await worker.streamQuiet(1000, 100)).toBe(false);
    release();
    expect(await worker.streamQuiet(10_000, 100)).toBe(true);
    expect(handled).toEqual([1]);
  });
});
