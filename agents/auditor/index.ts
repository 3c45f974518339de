export { auditorAgent } from "./auditorAgent.ts";
export { auditorKind } from "./auditorKind.ts";
