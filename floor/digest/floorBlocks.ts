import type { Block } from "./Block.ts";
import type { DigestDay } from "./DigestDay.ts";
import { hours, pct, usd, usdOf } from "./formatFigures.ts";
import { clockTime } from "./utcDate.ts";

/** The title, what part of the day the floor saw, and the floor's day in figures. */
export function floorBlocks(d: DigestDay): Block[] {
  const f = d.floor;
  const c = d.coverage;
  const seen = c.firstFact === null ? "No audited fact this day." : `Audited facts from ${clockTime(c.firstFact)} to ${clockTime(c.lastFact!)} UTC.`;
  const partial = c.bornAt !== null && c.bornAt > d.from ? ` The floor began at ${clockTime(c.bornAt)}: a partial first day.` : "";
  const dd = f.drawdown;
  return [
    { type: "heading", level: 1, text: `Floor digest ${d.date}` },
    { type: "para", text: `UTC day ${d.date} of floor time (mode: ${d.mode ?? "unknown"}). ${seen}${partial}` },
    { type: "heading", level: 2, text: "Floor" },
    {
      type: "list",
      items: [
        `Realised PnL: ${usd(f.pnl)}`,
        `95% bootstrap interval: ${ciText(d)}`,
        `Settlements: ${f.settlements} in ${f.windows} market windows`,
        `Realised equity: ${usd(f.equityStart)} at the start, ${deposited(d)}${usd(f.equityEnd)} at the end`,
        `Max drawdown within the day: ${dd ? `${pct(dd.max)}${dd.maxAt === null ? "" : ` at ${clockTime(dd.maxAt)}`}, longest under water ${hours(dd.longestMs)}` : "n/a (no equity this day)"}`,
        `Fills: ${f.fills}; fees paid: ${usd(f.fees)}${f.feeShares ? ` and ${(f.feeShares / 1e6).toFixed(6)} shares` : ""}`,
      ],
    },
    { type: "chart", chart: "equity", title: "Realised equity (USD), floor time UTC" },
    { type: "chart", chart: "drawdown", title: "Drawdown from the day's running peak (%), floor time UTC" },
  ];
}

function ciText(d: DigestDay): string {
  const ci = d.floor.ci;
  if (ci === null) return "n/a (no settled window)";
  if (!Number.isFinite(ci.lo)) return "n/a (one window: nothing to resample)";
  return `${usdOf(ci.lo)} to ${usdOf(ci.hi)} (${d.floor.windows} windows resampled whole, ${ci.resamples} resamples)`;
}

/** The day's deposits, when there were any: a first day's equity starts at 0 and its capital arrives during it. */
function deposited(d: DigestDay): string {
  const sum = d.capital.deposits.reduce((a, x) => a + x.amount, 0);
  return sum > 0 ? `${usd(sum)} deposited during the day, ` : "";
}
