import { parseOptions } from "../parseOptions.ts";
import { loadFloorConfig } from "../../config/index.ts";
import type { Io } from "../Io.ts";

/** `floor check-config`: load and validate the configuration without starting anything. */
export async function checkConfig(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { config: { type: "string" } }, strict: true });
  const c = loadFloorConfig(v.config);
  io.out(`config OK (${c.source}): capital $${c.floor.capital}, ${c.agents.length} trader(s): ${c.agents.map((a) => a.id).join(", ")}`);
  return 0;
}
