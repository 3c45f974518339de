export { BusClosedError, NoRespondersError, RequestTimeoutError } from "./Bus.ts";
export type { Bus, BusMsg, Handler, SubscribeOptions, Subscription } from "./Bus.ts";
export { LocalBus } from "./LocalBus.ts";
export type { LocalBusOptions } from "./LocalBus.ts";
export { NatsBus } from "./NatsBus.ts";
export type { NatsBusOptions, NatsBusStatus } from "./NatsBus.ts";
export type { StoredMessage } from "./natsStream.ts";
export { createBus, resolveBusUrl } from "./createBus.ts";
export { subjectMatches } from "./subjectMatches.ts";
