export { simFeedAgent } from "./simFeedAgent.ts";
export { replayFeedAgent, replaySteps } from "./replayFeedAgent.ts";
export { feedKind } from "./feedKind.ts";
