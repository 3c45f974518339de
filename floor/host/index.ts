export { AgentHost } from "./AgentHost.ts";
export type { HostOptions, HostCounters, HostCheckpoint } from "./AgentHost.ts";
export { AGENT_KINDS, route } from "./AgentSpec.ts";
export { fromBoss } from "./fromBoss.ts";
export type { AgentKind, AgentContext, AgentBehaviour, AgentSpec, Route, PublishEmitted } from "./AgentSpec.ts";
export { RestartPolicy } from "./RestartPolicy.ts";
export { stateString } from "./stateString.ts";
