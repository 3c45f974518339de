export { auditorAgent } from "./auditorAgent.ts";
export { auditorKind } from "./auditorKind.ts";
export { dailyDigests, digestOptions, LAST_DIGEST_KEY, type DigestOptions } from "./dailyDigests.ts";
export type { AuditorOptions } from "./auditorAgent.ts";
