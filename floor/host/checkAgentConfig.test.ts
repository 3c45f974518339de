import { describe, expect, it } from "vitest";
import { FloorConfig } from "../../protocols/index.ts";
import { fileKinds } from "./catalog.ts";
import { checkAgentConfig } from "./checkAgentConfig.ts";

const floor = FloorConfig.parse({});

describe("checkAgentConfig", () => {
  it("accepts a good config, takes the id from the command and fills in the defaults", () => {
    const r = checkAgentConfig("t9", { kind: "trader", strategy: "momentum", params: { minEdge: 0.05 } }, floor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({ id: "t9", kind: "trader", enabled: true, strategy: "momentum", params: { minEdge: 0.05, lookbackSec: 120 } });
  });

  it("accepts the command's own id written in the config", () => {
    expect(checkAgentConfig("t9", { id: "t9", kind: "trader", strategy: "fairValue" }, floor).ok).toBe(true);
  });

  it("refuses a command without a config", () => {
    expect(checkAgentConfig("t9", undefined, floor)).toEqual({ ok: false, error: expect.stringMatching(/^config: /) });
  });

  it("refuses a config whose id is another agent's", () => {
    expect(checkAgentConfig("t9", { id: "t8", kind: "trader", strategy: "momentum" }, floor)).toEqual({ ok: false, error: 'id: "t8" differs from the command\'s agent t9' });
  });

  it("refuses a kind files do not make, listing the ones they do", () => {
    const kinds = [...fileKinds().keys()];
    expect(kinds).toContain("trader");
    for (const kind of ["boss", "wizard", undefined]) {
      const r = checkAgentConfig("t9", { kind, strategy: "momentum" }, floor);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toMatch(/^kind: /);
      expect(r.error).toContain(`(${kinds.join(", ")})`);
    }
  });

  it("names the field of an out-of-bounds parameter", () => {
    const r = checkAgentConfig("t9", { kind: "trader", strategy: "momentum", params: { minEdge: 0.9 } }, floor);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^params\.minEdge: /);
  });

  it("refuses an unknown key, naming it", () => {
    const top = checkAgentConfig("t9", { kind: "trader", strategy: "momentum", colour: "red" }, floor);
    expect(top.ok).toBe(false);
    if (!top.ok) expect(top.error).toMatch(/^colour: /);
    const param = checkAgentConfig("t9", { kind: "trader", strategy: "momentum", params: { minEgde: 0.05 } }, floor);
    expect(param.ok).toBe(false);
    if (!param.ok) expect(param.error).toMatch(/^params\.minEgde: /);
  });

  it("refuses an unknown strategy", () => {
    const r = checkAgentConfig("t9", { kind: "trader", strategy: "astrology" }, floor);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^strategy: .*momentum/);
  });

  it("runs the kind's check against the floor (a trader that leaves nothing of a window)", () => {
    const cfg = { kind: "trader", strategy: "momentum", params: { entryAfterSec: 900, exitBeforeSec: 60 } };
    const r = checkAgentConfig("t9", cfg, floor);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^params\.entryAfterSec: entryAfterSec 900 \+ exitBeforeSec 60 leave nothing of a 15-minute window/);
    // A disabled agent never trades: it is not held to the window.
    expect(checkAgentConfig("t9", { ...cfg, enabled: false }, floor).ok).toBe(true);
    // Windows of an hour leave it room.
    const hourly = FloorConfig.parse({ sim: { series: [{ asset: "BTC", symbol: "BTCUSD", marketMinutes: 60, startPrice: 95_000 }] } });
    expect(checkAgentConfig("t9", cfg, hourly).ok).toBe(true);
  });
});
