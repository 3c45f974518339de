import { describe, expect, it } from "vitest";
import { FloorConfig } from "../../protocols/index.ts";
import { agentFileSchema } from "./agentFileSchema.ts";

const AgentConfig = agentFileSchema();
import { configErrorOf as errorOf } from "../../tests/helpers/configErrorOf.ts";
import { parseYaml } from "./loadYaml.ts";

const floor = (text: string) => errorOf(() => parseYaml("floor.yaml", text, FloorConfig));
const agent = (text: string) => errorOf(() => parseYaml("t.yaml", `id: t1\nkind: trader\n${text}`, AgentConfig));

describe("cross-field checks: a config that could never trade is refused with file, line and field", () => {
  it.each([
    ["momentum", "strategy: momentum\nparams:\n  minPrice: 0.8\n  maxPrice: 0.3\n", 5, "params.minPrice", /minPrice 0\.8 is above maxPrice 0\.3/],
    ["fairValue", "strategy: fairValue\nparams:\n  minPrice: 0.97\n", 5, "params.minPrice", /minPrice 0\.97 is above maxPrice 0\.95/],
  ])("%s: minPrice above maxPrice", (_s, text, line, field, why) => {
    const e = agent(text);
    expect([e.line, e.field]).toEqual([line, field]);
    expect(e.reason).toMatch(why);
  });

  it.each([
    ["sim:\n  makers:\n    - { lagSec: 1, noise: 0.003, requoteSec: 1, levels: 2, halfSpreadTicks: 1, minShares: 500, maxShares: 150 }\n", 3, "sim.makers.0.minShares", /minShares 500 is above maxShares 150/],
    ["sim:\n  noiseMinShares: 200\n", 2, "sim.noiseMinShares", /noiseMinShares 200 is above noiseMaxShares 100/],
    ["sim:\n  whaleMinShares: 9000\n  whaleMaxShares: 8000\n", 2, "sim.whaleMinShares", /above whaleMaxShares/],
    ["sim:\n  minLevelShares: 401\n", 2, "sim.minLevelShares", /above maxLevelShares 400/],
  ])("a minimum above its maximum: %j", (text, line, field, why) => {
    const e = floor(text);
    expect([e.line, e.field]).toEqual([line, field]);
    expect(e.reason).toMatch(why);
  });

  it.each([0.02, 0.05, 0.5, 0.00001])("a tickSize the venue does not have: %s", (tick) => {
    const e = floor(`capital: 100\nsim:\n  tickSize: ${tick}\n`);
    expect([e.line, e.field]).toEqual([3, "sim.tickSize"]);
    expect(e.reason).toMatch(/0\.1, 0\.01, 0\.005, 0\.0025, 0\.001 or 0\.0001/);
  });

  it.each([0.1, 0.01, 0.005, 0.0025, 0.001, 0.0001])("accepts the venue's tick %s", (tick) => {
    expect(parseYaml("floor.yaml", `sim:\n  tickSize: ${tick}\n`, FloorConfig).sim.tickSize).toBe(tick);
  });

  it.each(["127.0.0.1:99999", "127.0.0.1:", ":7070", "127.0.0.1", "localhost:70a", "0.0.0.0:-1", "on"])("dashboard %j is not HOST:PORT (1-65535) or off", (at) => {
    const e = floor(`capital: 100\ndashboard: "${at}"\n`);
    expect([e.line, e.field]).toEqual([2, "dashboard"]);
    expect(e.reason).toMatch(/HOST:PORT/);
  });

  it.each(["off", "127.0.0.1:7070", "localhost:1", "0.0.0.0:65535", "[::1]:7070", "127.0.0.1:0"])("accepts dashboard %j", (at) => {
    expect(parseYaml("floor.yaml", `dashboard: "${at}"\n`, FloorConfig).dashboard).toBe(at);
  });

  it("live signatureType 1 or 2 needs the funder address", () => {
    const e = floor("live:\n  signatureType: 2\n");
    expect([e.line, e.field]).toEqual([2, "live.funderAddress"]);
    expect(e.reason).toMatch(/signatureType 2 needs funderAddress/);
  });

  it("the shipped defaults pass every check", () => {
    expect(() => FloorConfig.parse({})).not.toThrow();
    expect(() => AgentConfig.parse({ id: "m", kind: "trader", strategy: "momentum" })).not.toThrow();
    expect(() => AgentConfig.parse({ id: "f", kind: "trader", strategy: "fairValue" })).not.toThrow();
  });
});
