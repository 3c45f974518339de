import { describe, expect, it } from "vitest";
import { bossActor } from "../../tests/helpers/bossActor.ts";

const T0 = Date.UTC(2026, 0, 1);

describe("an auditor's halt", () => {
  it("is never lifted by a breaker's automatic resumption; a rebirth clears it", () => {
    const { boss, ctl } = bossActor(T0, ["t1", "t2"]);
    boss.send({ type: "AUDITOR_HALT", agentId: "t1" });
    // A 12% spot move halts the floor; a window later every limit is clear again.
    boss.send({ type: "RISK", event: { type: "spotMove", symbol: "BTCUSD", move: 0.12, now: T0 + 1000 } });
    boss.send({ type: "RISK", event: { type: "tick", now: T0 + 3_600_000 } });
    expect(ctl.filter((s) => s.startsWith("ctl.t2."))).toEqual(["ctl.t2.pause", "ctl.t2.resume"]);
    expect(ctl.filter((s) => s.startsWith("ctl.t1."))).toEqual([]);
    // Born again (a new config, a new life): the boss's controls reach it again.
    boss.send({ type: "REBORN", agentId: "t1" });
    boss.send({ type: "RISK", event: { type: "born", agentId: "t1", now: T0 + 3_601_000 } });
    boss.send({ type: "RISK", event: { type: "spotMove", symbol: "BTCUSD", move: 0.12, now: T0 + 3_602_000 } });
    expect(ctl.filter((s) => s.startsWith("ctl.t2.")).slice(2)).toEqual(["ctl.t2.pause"]);
    expect(ctl.filter((s) => s.startsWith("ctl.t1."))).toEqual(["ctl.t1.pause"]);
    boss.stop();
  });
});
