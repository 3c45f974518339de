export { simFeedAgent } from "./simFeedAgent.ts";
