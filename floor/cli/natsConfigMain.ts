import { parseArgs } from "node:util";
import { loadFloorConfig } from "../config/index.ts";
import { natsUsers, renderNatsAuthConfig } from "../bus/auth/natsAuthConfig.ts";

/** `npm run nats-config`: the server config for the traders of `--config` (default config/floor.yaml) and `--prefix`. Returns the exit status. */
export function natsConfigMain(argv: string[], out: { write(s: string): unknown }, err: { write(s: string): unknown }): number {
  try {
    const { values: v } = parseArgs({ args: argv, options: { prefix: { type: "string", default: "" }, config: { type: "string" } }, strict: true });
    const config = loadFloorConfig(v.config);
    out.write(renderNatsAuthConfig(natsUsers(config.agents.map((a) => a.id), v.prefix), v.prefix));
    return 0;
  } catch (e) {
    err.write(`nats-config: ${(e as Error).message}\n`);
    return 2;
  }
}
