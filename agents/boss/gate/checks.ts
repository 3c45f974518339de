import type { RiskConfig } from "../../../protocols/index.ts";
import type { Exposure, GateIntent, GateState } from "./Exposure.ts";
import { implausibleEdge } from "./implausibleEdge.ts";
import { staleData } from "./staleData.ts";
import { tradingMode } from "./tradingMode.ts";
import { cancelRate, orderRate } from "./venueRate.ts";

/** One limit that refuses an intent outright: the reason, or undefined when it passes. */
export interface Check {
  readonly name: string;
  /** Only buys add exposure: sells skip this check. */
  readonly buysOnly: boolean;
  refuse(i: GateIntent, x: Exposure, risk: RiskConfig, s: GateState): string | undefined;
}

/** The refusing checks, in the order a reason is given; the size caps come after (caps.ts). */
export const CHECKS: readonly Check[] = [
  { name: "capital", buysOnly: false, refuse: (_i, x) => (x.allocated <= 0 ? "agent has no capital allocated" : undefined) },
  { name: "tradingMode", buysOnly: false, refuse: (i, x, _r, s) => tradingMode(i, x, s) },
  { name: "orderRate", buysOnly: false, refuse: (i, _x, r, s) => orderRate(i, s, r) },
  { name: "cancelRate", buysOnly: false, refuse: (i, _x, r, s) => cancelRate(i, s, r) },
  { name: "staleData", buysOnly: true, refuse: (_i, x) => staleData(x) },
  { name: "implausibleEdge", buysOnly: true, refuse: (i, x, r) => implausibleEdge(i, x, r) },
];
