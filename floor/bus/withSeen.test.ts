import { describe, expect, it } from "vitest";
import { SeenIds } from "./SeenIds.ts";
import { withSeen } from "./withSeen.ts";

const msg = (data: string) => ({ subject: "order.x", data, respond: () => undefined });
const env = (id: string) => JSON.stringify({ v: 1, id });

describe("withSeen", () => {
  it("handles an envelope id once, a failed handling included, and lets non-envelopes through", async () => {
    const seen = new SeenIds();
    const got: string[] = [];
    const h = withSeen(async (m) => {
      got.push(m.data);
      if (m.data.includes("bad")) throw new Error("boom");
    }, seen);
    await h(msg(env("a")));
    await h(msg(env("a")));
    await expect(h(msg(env("bad")))).rejects.toThrow("boom");
    await h(msg(env("bad")));
    await h(msg("plain"));
    await h(msg("plain"));
    expect(got).toEqual([env("a"), env("bad"), "plain", "plain"]);
    expect(seen.has("a") && seen.has("bad")).toBe(true);
  });

  it("does not handle an id the store already holds", () => {
    const seen = new SeenIds();
    seen.add("x");
    let n = 0;
    withSeen(() => void n++, seen)(msg(env("x")));
    expect(n).toBe(0);
  });
});
