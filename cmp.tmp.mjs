import { register } from "tsx/esm/api";
register();
const tree = process.env.TREE;
await import(`${tree}/agents/install.ts`);
const { createLogger } = await import(`${tree}/floor/log/createLogger.ts`);
const { floorRun } = await import(`${tree}/bench/floorRate.ts`);
const log = createLogger({ level: "silent" });
await floorRun({ traders: 20, bus: "local", untilMs: 1_800_000, seed: 42, log, natsUrl: "" });
const out = [];
for (let i = 0; i < 2; i++) {
  const t0 = process.cpuUsage();
  const r = await floorRun({ traders: 200, bus: "local", untilMs: 3_600_000, seed: 42, log, natsUrl: "" });
  const c = process.cpuUsage(t0);
  out.push(r.wallSeconds, +((c.user + c.system) / 1e6).toFixed(2));
}
console.log(tree, JSON.stringify(out));
process.exit(0);
