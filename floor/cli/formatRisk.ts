import type { RiskStatus, RiskTripStatus } from "../../state/index.ts";

const usd = (micro: number) => `${micro < 0 ? "-" : ""}$${(Math.abs(micro) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);
const trip = (who: string, t: RiskTripStatus) =>
  `             ${who} ${t.mode} by ${t.breaker} since ${when(t.since)} ${t.until === null ? "until its measure falls back" : `until ${when(t.until)}`}: ${t.reason}`;

/** `floor status`'s risk lines: the floor's trading state and the day's figures, then each breaker standing, the floor's and the agents'. */
export function riskLines(r: RiskStatus | null): string[] {
  if (!r) return ["risk         no boss has run on this floor"];
  return [
    `risk         floor ${r.floor.mode}; realised today ${usd(r.dayPnl)}, equity ${usd(r.equity)} (high-water ${usd(r.highWater)})`,
    ...r.floor.trips.map((t) => trip("floor", t)),
    ...Object.entries(r.agents).flatMap(([id, a]) => a.trips.map((t) => trip(id, t))),
  ];
}
