import { feeCurrency, type FeeCurrency } from "../../protocols/index.ts";
import type { FeeSource, PlannedMarket } from "../replay/index.ts";

/** One fee schedule a backtest applied, to how many markets, and where it came from. */
export interface AppliedSchedule {
  source: FeeSource;
  rate: number;
  exponent: number;
  currency: FeeCurrency;
  makerRebate: number;
  takerRebate: number;
  markets: number;
  /** The era or what-if and its sources (see floor/replay/feeEra.ts). */
  note: string;
}

/** The distinct schedules of the replayed markets, with their sources: recorded data first, then assumed, then what-ifs. */
export function feeSchedulesOf(markets: readonly Pick<PlannedMarket, "fee" | "feeSource" | "feeNote">[]): AppliedSchedule[] {
  const groups = new Map<string, AppliedSchedule>();
  for (const m of markets) {
    const s: AppliedSchedule = {
      source: m.feeSource, rate: m.fee.rate, exponent: m.fee.exponent, currency: feeCurrency(m.fee),
      makerRebate: m.fee.rebateRate ?? 0, takerRebate: m.fee.takerRebateRate ?? 0, markets: 0, note: m.feeNote ?? "",
    };
    const key = JSON.stringify({ ...s, markets: 0 });
    const g = groups.get(key) ?? s;
    g.markets++;
    groups.set(key, g);
  }
  const order: FeeSource[] = ["data", "assumed", "override"];
  return [...groups.values()].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}
