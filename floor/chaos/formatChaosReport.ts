import type { ChaosReport, DisruptionReport } from "./ChaosReport.ts";

const s = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
const hours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;

function disruptionLine(d: DisruptionReport): string {
  const what = d.kind === "kill" ? `kill ${d.role}#${d.incarnation ?? "?"}` : "restart NATS";
  if (d.skipped) return `  ${String(d.n).padStart(3)}  ${what.padEnd(20)} skipped: ${d.skipped}`;
  const at = d.atMs === null ? "" : ` at floor +${hours(d.atMs)}`;
  return `  ${String(d.n).padStart(3)}  ${what.padEnd(20)}${at}: back ${s(d.backMs)}, stepping ${s(d.steppedMs)}, trading ${s(d.tradingMs)}`;
}

/** The run as a person reads it: the verdict, each disruption's timings, each invariant, the counts. */
export function formatChaosReport(r: ChaosReport): string {
  const lines = [
    `chaos: ${r.ok ? "OK" : "FAILED"}: ${r.kills} kills, ${r.natsRestarts} NATS restarts over ${hours(r.floor.coveredMs)} of floor time (${r.floor.from ?? "?"} to ${r.floor.to ?? "?"}), seed ${r.seed}, ${s(r.wallMs)} wall`,
    "disruptions (wall time from the SIGKILL):",
    ...r.disruptions.map(disruptionLine),
    "invariants:",
    ...r.invariants.flatMap((i) => [`  ${i.ok ? "ok  " : "FAIL"} ${i.name}: ${i.summary}`, ...i.problems.map((p) => `         ${p}`)]),
    "roles:",
    ...r.roles.map((o) => `  ${o.role.padEnd(9)} ${o.incarnations} process(es), last exit ${o.last.signal ?? o.last.code}${o.unplannedDeaths.length ? `, ${o.unplannedDeaths.length} death(s) the harness did not cause` : ""}`),
  ];
  if (r.counts) lines.push(`counts: ${r.counts.orders} orders, ${r.counts.fills} fills, ${r.counts.marketsSettled} markets settled (${r.counts.settlements} settlements), ${r.counts.auditEntries} audit entries, ${r.counts.storedOrderMessages} order messages stored`);
  for (const p of r.problems) lines.push(`problem: ${p}`);
  if (r.dir) lines.push(`files and logs: ${r.dir}`);
  return lines.join("\n");
}
