/** The boss's pre-trade risk gate: pure, one intent at a time (docs/BOSS.md, "Risk gate"). */
export { riskGate } from "./riskGate.ts";
export { buyCost, costPerShare } from "./buyCost.ts";
export { reducesExposure } from "./tradingMode.ts";
export { CHECKS } from "./checks.ts";
export { CAPS } from "./caps.ts";
export { fitSize } from "./fitSize.ts";
export type { Exposure, GateIntent, GateState, Mode, ModeOf, Verdict } from "./Exposure.ts";
