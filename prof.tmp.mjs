import { register } from "tsx/esm/api";
register();
const tree = process.env.TREE;
await import(`${tree}/agents/install.ts`);
const { createLogger } = await import(`${tree}/floor/log/createLogger.ts`);
const { floorRun } = await import(`${tree}/bench/floorRate.ts`);
const log = createLogger({ level: "silent" });
await floorRun({ traders: 200, bus: "local", untilMs: 3_600_000, seed: 42, log, natsUrl: "" });
process.exit(0);
