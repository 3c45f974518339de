export { simFeedAgent } from "./simFeedAgent.ts";
export { replayFeedAgent, replaySteps } from "./replay/replayFeedAgent.ts";
export type { ReplayFeedOptions } from "./replay/replayFeedAgent.ts";
export { recordedBook, RECORDED_BOOK } from "./replay/recordedBook.ts";
export { feedKind } from "./feedKind.ts";
export { simOutcomes } from "./sim/simOutcomes.ts";
