export { listenPlan, isLoopback, type ListenPlan } from "./listenPlan.ts";
export { listenOn, urlOf } from "./listenOn.ts";
export { tokenGate, sameToken } from "./tokenGate.ts";
