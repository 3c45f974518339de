import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FloorConfig } from "./config.ts";
import { SupervisionConfig } from "./supervisionConfig.ts";

describe("SupervisionConfig", () => {
  it("is an optional block of the floor's config, filled with OTP's default intensity (1 restart in 5 s) and a 10 s heartbeat", () => {
    const s = FloorConfig.parse({}).supervision;
    expect(s).toEqual(SupervisionConfig.parse({}));
    expect(s).toEqual({ backoffMs: 1_000, backoffMaxMs: 30_000, resetAfterMs: 60_000, intensity: 1, periodMs: 5_000, heartbeatMs: 10_000, missedBeats: 3 });
  });

  it("refuses a value out of its bounds, an unknown key, and a first wait above the cap", () => {
    for (const bad of [{ intensity: 0 }, { periodMs: 999 }, { periodMs: 3_600_000 }, { heartbeatMs: 500 }, { missedBeats: 1 }, { backoffMs: -1 }, { backoffMs: 1.5 }, { bogus: 1 }]) {
      expect(SupervisionConfig.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const inverted = SupervisionConfig.safeParse({ backoffMs: 5_000, backoffMaxMs: 2_000 });
    expect(inverted.success).toBe(false);
    expect(inverted.error?.issues[0]?.path).toEqual(["backoffMs"]);
  });

  it("is documented in config/floor.yaml with its defaults", () => {
    const shipped = (parse(readFileSync("config/floor.yaml", "utf8")) as { supervision: unknown }).supervision;
    expect(shipped).toEqual(SupervisionConfig.parse({}));
  });
});
