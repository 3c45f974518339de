/** The boss's pure selection decisions: judge an agent, share capital. No I/O. (A clone's parameters: floor/params.) */
export { judge, type Judgement, type Verdict } from "./judge.ts";
export { judgeNumbers, type JudgeNumbers, type TrackRecord } from "./judgeNumbers.ts";
export { edgeDecay, type EdgeDecay, type DecaySettings } from "./edgeDecay.ts";
export { allocate, type Allocation, type AllocationSettings, type Candidate, type Target } from "./allocate.ts";
export { edgeWeights, type EdgeWeight } from "./edgeWeights.ts";
export { movesTo, FLOOR_ACCOUNT, type Move } from "./movesTo.ts";
