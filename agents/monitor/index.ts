export { monitorAgent } from "./monitorAgent.ts";
export { monitorKind } from "./monitorKind.ts";
