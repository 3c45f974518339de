import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkImports, importsOf, RULE_NAMES } from "./architecture/checkImports.ts";
import { readSources } from "./architecture/readSources.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));

/** A small tree that keeps every rule: each case below adds one file with one forbidden import. */
const CLEAN: Record<string, string> = {
  "protocols/index.ts": `import { z } from "zod";\nexport const Id = z.string();`,
  "state/index.ts": `import type { Id } from "../protocols/index.ts";`,
  "floor/net/index.ts": `import net from "node:net";`,
  "floor/bus/index.ts": `import { Id } from "../../protocols/index.ts";`,
  "floor/adapters/polymarket/index.ts": `export { netErrorText } from "../../net/index.ts";`,
  "floor/replay/index.ts": `import "../../protocols/index.ts";`,
  "floor/cli/main.ts": `import { Bus } from "../bus/index.ts";\nimport { openDb } from "../../state/index.ts";`,
  "agents/feed/feedMachine.ts": `export const feedMachine = 1;`,
  "agents/feed/feedAgent.ts": [
    `import { z } from "zod";`,
    `import type { Id } from "../../protocols/index.ts";`,
    `import { openDb } from "../../state/index.ts";`,
    `import { feedMachine } from "./feedMachine.ts";`,
    `export { netErrorText } from "../../floor/adapters/polymarket/index.ts";`,
    `const replay = await import("../../floor/replay/index.ts");`,
  ].join("\n"),
  "agents/trader/index.ts": `import { Bus } from "../../floor/bus/index.ts";`,
  // The registry lists every kind; it is not an agent.
  "agents/registry.ts": `import "./feed/feedAgent.ts";\nimport "./trader/index.ts";`,
  // Tests beside code may import tests/ (helpers, fixtures).
  "agents/feed/feed.test.ts": `import { tmp } from "../../tests/helpers/tmp.ts";\nimport "./feedAgent.ts";`,
  // tests/ itself is not checked.
  "tests/helpers/tmp.ts": `import "../../agents/feed/feedAgent.ts";\nimport "../../floor/cli/main.ts";`,
};

const check = (extra: Record<string, string> = {}): string[] => checkImports(new Map(Object.entries({ ...CLEAN, ...extra })));

describe("architecture", () => {
  it("the real tree keeps every import rule", () => {
    const violations = checkImports(readSources(REPO));
    expect(violations.join("\n")).toBe("");
  });

  it("a clean tree reports nothing", () => {
    expect(check()).toEqual([]);
  });

  const [agentAgent, agentOnly, kernel, floorAgents, protocols, state] = RULE_NAMES;
  const cases: Array<[string, string, string, string | undefined]> = [
    ["agents/trader/peek.ts", `import type { feedMachine } from "../feed/feedMachine.ts";`, "agents/feed/feedMachine.ts", agentAgent],
    ["agents/trader/cli.ts", `export { main } from "../../floor/cli/main.ts";`, "floor/cli/main.ts", agentOnly],
    ["agents/trader/fixture.ts", `import { tmp } from "../../tests/helpers/tmp.ts";`, "tests/helpers/tmp.ts", agentOnly],
    ["agents/trader/registry.ts", `import "../registry.ts";`, "agents/registry.ts", agentOnly],
    ["floor/bus/peek.ts", `const t = await import("../../agents/trader/index.ts");`, "agents/trader/index.ts", kernel],
    ["floor/bus/bus.test.ts", `import "../../agents/trader/index.ts";`, "agents/trader/index.ts", kernel],
    ["floor/adapters/polymarket/cli.ts", `import { Bus } from "../../cli/main.ts";`, "floor/cli/main.ts", kernel],
    ["floor/cli/agents.ts", `import "../../agents/registry.ts";`, "agents/registry.ts", floorAgents],
    ["protocols/ledger.ts", `import type { openDb } from "../state/index.ts";`, "state/index.ts", protocols],
    ["state/clock.ts", `import { SimClock } from "../floor/clock/index.ts";`, "floor/clock/index.ts", state],
  ];
  it.each(cases)("%s: %s is reported", (file, source, target, rule) => {
    expect(rule).toBeDefined();
    expect(check({ [file]: source })).toEqual([`${file} imports ${target}: ${rule}`]);
  });

  it("reads type imports, re-exports and import() but not comments or strings", () => {
    const src = `import type { A } from "./a.ts";\nexport * from "./b.ts";\n// import "./c.ts"\nconst s = 'import "./d.ts"';\nawait import("./e.ts");`;
    expect(importsOf(src)).toEqual(["./a.ts", "./b.ts", "./e.ts"]);
  });

  it("resolves a folder to its index.ts", () => {
    expect(check({ "agents/trader/x.ts": `import "../feed";` })).toEqual([`agents/trader/x.ts imports agents/feed: ${agentAgent}`]);
    expect(check({ "agents/feed/index.ts": "", "agents/trader/x.ts": `import "../feed";` })).toEqual([`agents/trader/x.ts imports agents/feed/index.ts: ${agentAgent}`]);
  });
});
