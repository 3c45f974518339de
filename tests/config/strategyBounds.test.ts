import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { STRATEGIES } from "../../agents/trader/strategies/index.ts";
import { agentFiles, loadAgentFile, loadFloorConfig } from "../../floor/config/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("strategy-bounds");
afterAll(() => tmp.remove());

interface Prop {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Each numeric parameter of a strategy and its bounds, from its own schema. */
function numericParams(params: z.ZodType): Array<[string, Prop]> {
  const json = z.toJSONSchema(params, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Prop> };
  return Object.entries(json.properties ?? {}).filter(([, p]) => p.type === "number" || p.type === "integer");
}

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("every strategy kind's parameters", () => {
  it("the shipped roster passes check-config, one file per strategy kind", () => {
    const loaded = loadFloorConfig("config/floor.yaml");
    // Every file is checked, a disabled one (llm-analyst-1, which needs the network) too; the floor runs the enabled ones.
    const all = agentFiles("config/agents").map((f) => loadAgentFile(f, loaded.floor));
    expect(all.length).toBe(readdirSync("config/agents").filter((f) => f.endsWith(".yaml")).length);
    expect(loaded.agents).toEqual(all.filter((a) => a.enabled));
    const kinds = new Set(all.map((a) => (a as { strategy?: string }).strategy));
    for (const s of STRATEGIES) expect(kinds.has(s.name), `config/agents has a ${s.name} trader`).toBe(true);
  });

  it.each(STRATEGIES.map((s) => [s.name, s] as const))("%s: every numeric parameter is bounded both ways (the boss perturbs clones inside)", (_name, s) => {
    const props = numericParams(s.params);
    expect(props.length).toBeGreaterThan(0);
    // An integer's implicit safe-integer range is no bound a clone can be perturbed inside.
    const bounded = (v: number | undefined) => v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER;
    for (const [key, p] of props) {
      expect(bounded(p.minimum ?? p.exclusiveMinimum), `${key} has a lower bound`).toBe(true);
      expect(bounded(p.maximum ?? p.exclusiveMaximum), `${key} has an upper bound`).toBe(true);
    }
  });

  it.each(STRATEGIES.map((s) => [s.name, s] as const))("%s: check-config refuses each parameter outside its bounds, naming file, line and field", (name, s) => {
    for (const [key, p] of numericParams(s.params)) {
      const hi = p.maximum ?? p.exclusiveMaximum!;
      const lo = p.minimum ?? p.exclusiveMinimum!;
      for (const [side, value] of [["above", hi + Math.max(1, Math.abs(hi))], ["below", lo - Math.max(1, Math.abs(lo))]] as const) {
        const dir = tmp.path(`${name}-${key}-${side}`);
        mkdirSync(`${dir}/agents`, { recursive: true });
        writeFileSync(`${dir}/floor.yaml`, "capital: 10000\n");
        const file = `${dir}/agents/t.yaml`;
        // the field sits on line 6 of the file
        writeFileSync(file, `# a trader with one parameter out of bounds\nid: t1\nkind: trader\nstrategy: ${name}\nparams:\n  ${key}: ${value}\n`);
        const e = errorOf(() => loadFloorConfig(`${dir}/floor.yaml`));
        expect(e.message, `${key} ${side}`).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:6: params\\.${key}: `));
      }
    }
  });
});
