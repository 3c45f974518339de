/** Pure pricing and sizing arithmetic shared by agents. */
export { normCdf } from "./normCdf.ts";
export { normInv } from "./normInv.ts";
export { upProbability } from "./upProbability.ts";
export { jumpUpProbability } from "./jumpUpProbability.ts";
export { mertonUpProbability } from "./mertonUpProbability.ts";
export { takerFee } from "./takerFee.ts";
export { kellyFraction } from "./kellyFraction.ts";
