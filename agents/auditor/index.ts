export { auditorAgent } from "./auditorAgent.ts";
