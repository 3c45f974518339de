import { tableOr, type Block } from "./Block.ts";
import type { DigestDay } from "./DigestDay.ts";
import { countText, factBlocks } from "./factBlocks.ts";
import { usd } from "./formatFigures.ts";
import { clockTime } from "./utcDate.ts";

const shares = (micro: number): string => (micro / 1e6).toFixed(2);
const numbersText = (n: Record<string, number | string | null>): string =>
  Object.entries(n)
    .map(([k, v]) => `${k}=${typeof v === "number" && !Number.isInteger(v) ? v.toPrecision(4) : String(v)}`)
    .join(", ");

/** Trades, risk events, violations, births and deaths, capital moves: what happened, each with its reason. */
export function eventBlocks(d: DigestDay): Block[] {
  const r = d.roster;
  const judged = Object.entries(r.judged).sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    { type: "heading", level: 2, text: "Trades" },
    {
      type: "fold",
      summary: `${d.trades.length} settled windows`,
      blocks: [tableOr(["Time", "Agent", "Window", "Winner", "Up shares", "Down shares", "Cost", "Payout", "PnL"], d.trades.map((t) => [clockTime(t.ts), t.agentId, t.marketId, t.winner, shares(t.upShares), shares(t.downShares), usd(t.cost), usd(t.payout), usd(t.pnl)]), "No window settled with a position this day.", [false, false, false, false, true, true, true, true, true])],
    },
    { type: "heading", level: 2, text: "Risk events" },
    tableOr(["Time", "Action", "Breaker", "Scope", "Mode", "Reason"], d.risk.breakers.map((b) => [clockTime(b.ts), b.action, b.breaker, b.scope, b.mode, b.reason]), "No breaker tripped or resumed."),
    { type: "para", text: `Intents the boss refused: ${d.risk.refusals.reduce((a, g) => a + g.count, 0)}.` },
    tableOr(["Reason", "Count", "Example"], d.risk.refusals.map((g) => [g.reason, String(g.count), g.example]), "", [false, true, false]),
    { type: "heading", level: 2, text: "Violations" },
    { type: "para", text: `Violations: ${countText(d.violations)}.` },
    ...factBlocks(d.violations, "None."),
    { type: "heading", level: 2, text: "Births and deaths" },
    tableOr(["Time", "Born", "Parent", "By", "Reason"], r.births.map((b) => [clockTime(b.ts), b.agentId, b.parentId ?? "", b.by, b.reason]), "No agent was born."),
    tableOr(["Time", "Died", "By", "Reason"], r.deaths.map((b) => [clockTime(b.ts), b.agentId, b.by, b.reason]), "No agent died."),
    { type: "para", text: `The boss's judgements: ${judged.length ? judged.map(([a, n]) => `${a} ${n}`).join(", ") : "none"}.` },
    tableOr(["Time", "Agent", "Judgement", "Reason", "Numbers"], r.judgements.map((j) => [clockTime(j.ts), j.agentId, j.action, j.reason, numbersText(j.numbers)]), ""),
    { type: "heading", level: 2, text: "Capital moves" },
    tableOr(["Time", "Into", "Amount"], d.capital.deposits.map((x) => [clockTime(x.ts), x.agentId, usd(x.amount)]), "No deposit.", [false, false, true]),
    tableOr(["Time", "From", "To", "Amount", "Reason"], d.capital.transfers.map((t) => [clockTime(t.ts), t.from, t.to, usd(t.amount), t.reason ?? t.ref]), "No capital moved between the floor and its agents.", [false, false, false, true, false]),
  ];
}
