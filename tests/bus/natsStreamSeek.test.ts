// A replica reading back a journal it lacks the end of reads from the first message it needs, found
// by bisection, not the whole stream (which after days of a floor wedged it): streamMessages' `from`.
import { expect, it } from "vitest";
import { describeNats, natsBusPerTest, natsUrl, uniquePrefix } from "../helpers/nats.ts";

const batch = (first: number, last: number) => JSON.stringify({ rows: Array.from({ length: last - first + 1 }, (_, i) => [first + i]) });
const lastRow = (data: string) => (JSON.parse(data) as { rows: Array<[number]> }).rows.at(-1)![0];

await describeNats("streamMessages from the first message wanted", () => {
  const bus = natsBusPerTest(natsUrl());

  it("returns the stored messages on a subject from the first one `from` accepts, whatever lies around them", async () => {
    const b = await bus(uniquePrefix("seek"));
    // 60 batches of one to three rows on state.exchange, other subjects' messages between them.
    let row = 0;
    const batches: string[] = [];
    for (let i = 0; i < 60; i++) {
      const n = 1 + (i % 3);
      batches.push(batch(row + 1, row + n));
      b.publish("state.exchange", batches.at(-1)!);
      row += n;
      for (let j = 0; j < i % 4; j++) b.publish(j % 2 ? "state.boss" : "audit.entry.x", JSON.stringify({ i, j }));
    }
    await b.idle();
    for (const have of [0, 1, 2, 57, 58, 100, row - 1]) {
      const got = await b.streamMessages("state.exchange", { from: (d) => lastRow(d) > have });
      const want = batches.filter((d) => lastRow(d) > have);
      expect({ have, got: got.map((m) => m.data) }).toEqual({ have, got: want });
    }
    expect(await b.streamMessages("state.exchange", { from: (d) => lastRow(d) > row })).toEqual([]);
    expect(await b.streamMessages("state.feed", { from: () => true })).toEqual([]); // a subject with nothing stored
    expect((await b.streamMessages("state.exchange")).length).toBe(60); // without `from`, all of it
  });
});
