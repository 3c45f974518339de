import { describe, expect, it } from "vitest";
import { parseChaosOptions } from "./ChaosOptions.ts";

describe("parseChaosOptions", () => {
  it("reads the counts, the floor time, the seed and the flags", () => {
    expect(parseChaosOptions(["--kills", "20", "--nats-restarts", "3", "--until", "2h", "--seed", "9", "--json", "--keep", "out", "--stall-after", "20s"])).toEqual({ kills: 20, natsRestarts: 3, until: "2h", untilMs: 7_200_000, seed: 9, json: true, keep: "out", stallMs: 20_000 });
    expect(parseChaosOptions([])).toEqual({ kills: 0, natsRestarts: 0, until: "1h", untilMs: 3_600_000, seed: 1, json: false, stallMs: 180_000 });
  });

  it("refuses a count that is not a non-negative integer, a bad duration, an unknown option", () => {
    expect(() => parseChaosOptions(["--kills=-1"])).toThrow(/invalid --kills "-1"/);
    expect(() => parseChaosOptions(["--nats-restarts", "two"])).toThrow(/invalid --nats-restarts "two"/);
    expect(() => parseChaosOptions(["--until", "soon"])).toThrow(/invalid duration "soon"/);
    expect(() => parseChaosOptions(["--kill", "3"])).toThrow(/--kill/);
  });
});
