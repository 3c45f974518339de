import { describe, expect, it } from "vitest";
import { lifeEvent, NOT_SEEN, seenAlive, uptimeOf } from "./lifeTime.ts";

describe("life time", () => {
  it("counts floor time alive between births or restarts and endings, and the restarts", () => {
    let l = lifeEvent(NOT_SEEN, "spawn", 1_000);
    l = lifeEvent(l, "restarted", 5_000); // a restart inside a life: the clock runs on
    l = lifeEvent(l, "reconfigured", 6_000);
    expect(uptimeOf(l, 9_000)).toBe(8_000);
    l = lifeEvent(l, "failed", 11_000); // 10 s alive
    expect(uptimeOf(l, 50_000)).toBe(10_000);
    l = lifeEvent(l, "spawn", 60_000); // reborn
    expect(uptimeOf(l, 62_500)).toBe(12_500);
    expect(l.restarts).toBe(1);
    expect(lifeEvent(lifeEvent(l, "retired", 63_000), "retired", 70_000)).toMatchObject({ since: null, upMs: 13_000 });
  });

  it("takes a heartbeat of an agent it never saw born as alive from then", () => {
    const l = seenAlive(NOT_SEEN, 4_000);
    expect(uptimeOf(seenAlive(l, 8_000), 10_000)).toBe(6_000);
  });
});
