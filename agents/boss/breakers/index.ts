/** The floor's and each agent's trading states, the breakers that move them, and the venue's rate buckets: pure (docs/BOSS.md, "Risk gate"). */
export { stepRisk, breakers } from "./stepRisk.ts";
export { riskMoves } from "./riskMoves.ts";
export type { BreakerChange } from "./stepRisk.ts";
export type { RiskEvent } from "./RiskEvent.ts";
export { initialRisk, dayOf, DAY_MS } from "./RiskState.ts";
export type { RiskState, Trip, Breaker, FloorBreaker } from "./RiskState.ts";
export { floorMode, agentMode, effectiveMode, worst, VERB_OF } from "./modes.ts";
export { riskControls } from "./controls.ts";
export type { Control } from "./controls.ts";
export { refill, resize, take } from "./tokenBucket.ts";
export type { Bucket, BucketRate } from "./tokenBucket.ts";
export { FLOOR_BREAKERS } from "./floorBreakers.ts";
export { LOSS_STREAK } from "./lossStreak.ts";
