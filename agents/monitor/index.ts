export { monitorAgent } from "./monitorAgent.ts";
