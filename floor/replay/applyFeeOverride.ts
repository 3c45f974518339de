import type { FeeSchedule } from "../../protocols/index.ts";
import type { ReplayPlan } from "./planReplay.ts";

/** A what-if on fees: a whole schedule (`--fees`), and/or the rebates on whatever schedule applies. */
export interface FeeOverride {
  schedule?: FeeSchedule | undefined;
  rebateRate?: number | undefined;
  takerRebateRate?: number | undefined;
}

const pct = (x: number) => `${+(x * 100).toFixed(4)}%`;

/** The what-if in words, for the report: "--fees 0.07,1 in usd; maker rebate 50%". */
export function describeFeeOverride(o: FeeOverride): string {
  return [
    ...(o.schedule ? [`--fees ${o.schedule.rate},${o.schedule.exponent} in ${o.schedule.currency ?? "usd"}`] : []),
    ...(o.rebateRate !== undefined ? [`maker rebate ${pct(o.rebateRate)}`] : []),
    ...(o.takerRebateRate !== undefined ? [`taker rebate ${pct(o.takerRebateRate)}`] : []),
  ].join("; ");
}

/**
 * The plan with every replayed market's fee schedule replaced by the what-if (`--fees`), or its
 * own schedule's rebates replaced (`--maker-rebate`, `--taker-rebate`). Each market's source
 * becomes "override"; its note keeps where the schedule underneath came from.
 */
export function applyFeeOverride(plan: ReplayPlan, o: FeeOverride): ReplayPlan {
  const what = describeFeeOverride(o);
  if (what === "") return plan;
  return {
    ...plan,
    feeOverride: what,
    markets: plan.markets.map((m) => ({
      ...m,
      fee: {
        ...(o.schedule ?? m.fee),
        ...(o.rebateRate !== undefined ? { rebateRate: o.rebateRate } : {}),
        ...(o.takerRebateRate !== undefined ? { takerRebateRate: o.takerRebateRate } : {}),
      },
      feeSource: "override" as const,
      feeNote: o.schedule ? `what-if ${what}` : `what-if ${what} on the schedule ${m.feeSource === "data" ? "from the data" : m.feeSource === "assumed" ? "assumed by era" : "overridden"}`,
    })),
  };
}
