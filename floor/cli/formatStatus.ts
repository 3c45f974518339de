import type { FloorStatus, LedgerFigures } from "../../state/index.ts";
import type { SkillReport } from "../stats/index.ts";
import { healthParts } from "./formatHealth.ts";
import { riskLines } from "./formatRisk.ts";

const usd = (x: number) => `${x < 0 ? "-" : ""}$${Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const when = (ms: number | null) => (ms === null ? "—" : new Date(ms).toISOString().replace("T", " ").slice(0, 19));

/** The one-line status printed while the floor runs. */
export function statusLine(s: LedgerFigures & { live?: Record<string, { state: string }> } & Parameters<typeof healthParts>[0]): string {
  const traders = s.agents.filter((a) => a.kind === "trader").map((a) => `${a.id} ${s.live?.[a.id]?.state ?? a.state} ${usd(a.pnl)}`);
  return `[${when(s.floorTime)}] ` + [
    `markets ${s.marketsSettled} settled`,
    `orders ${s.orders}`,
    `fills ${s.fills}`,
    `cash ${usd(s.cash)}`,
    `pnl ${usd(s.realizedPnl)}`,
    `audit ${s.auditHead.count}#${s.auditHead.hash.slice(0, 8)}`,
    ...(s.risk && s.risk.floor.mode !== "active" ? [`floor ${s.risk.floor.mode} (${s.risk.floor.trips.map((t) => t.breaker).join(", ")})`] : []),
    traders.join(", ") || "no traders",
    ...healthParts(s),
  ].join(" · ");
}

const sign = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(4)}`;

/** "skill vs market +0.0010 [-0.0038 .. +0.0058]": market Brier minus the agent's at the same moments, 95% over windows. */
function skillText(k: SkillReport | undefined): string {
  if (!k?.skill) return "";
  const ci = Number.isFinite(k.skill.lo) ? ` [${sign(k.skill.lo)} .. ${sign(k.skill.hi)}]` : "";
  return `  skill vs market ${sign(k.skill.estimate)}${ci} over ${k.markets} windows`;
}

/** `floor status` for people; `broken` lists the ledger invariants that do not hold. */
export function statusReport(s: FloorStatus, broken: readonly string[] = [], skills: ReadonlyMap<string, SkillReport> = new Map()): string {
  const rows = s.agents.map((a) => `  ${a.id.padEnd(20)} ${a.kind.padEnd(9)} ${a.state.padEnd(11)} capital ${usd(a.capital).padStart(11)}  cash ${usd(a.cash).padStart(11)}  pnl ${usd(a.pnl).padStart(10)}  fills ${a.fills}${skillText(skills.get(a.id))}`);
  return [
    `floor time   ${when(s.floorTime)} (${s.mode ?? "?"}, seed ${s.seed ?? "?"})`,
    `markets      ${s.marketsSettled} settled of ${s.marketsOpened} opened`,
    `orders       ${s.orders}, fills ${s.fills}, settlements ${s.settlements}`,
    `cash         ${usd(s.cash)} (deposits ${usd(s.deposits)}, realized pnl ${usd(s.realizedPnl)}, open positions ${usd(s.openPositionCost)})`,
    `fees         ${usd(s.feesUsd)} in USD, ${s.feeShares} shares (buy fees under a shares schedule); rebates accrued ${usd(s.rebates)} maker, ${usd(s.takerRebates)} taker`,
    ...riskLines(s.risk),
    `audit log    ${s.auditEntries} entries, head ${s.auditHead.count}#${s.auditHead.hash}`,
    `ledger hash  ${s.ledgerHash}`,
    "agents",
    ...rows,
    ...broken.map((b) => `BROKEN invariant: ${b}`),
  ].join("\n");
}
