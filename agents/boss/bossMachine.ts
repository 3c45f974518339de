import { assign, emit, setup } from "xstate";
import { subjects, type IntentFields, type RiskConfig } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { riskGate, type Exposure, type Verdict } from "./riskGate.ts";

export interface BossContext {
  risk: RiskConfig;
  approved: number;
  rejected: number;
}

export type BossEvent =
  | { type: "INTENT"; intent: IntentFields; exposure: Exposure }
  | { type: "PAUSE"; reason: string }
  | { type: "RESUME" };

const decision = (intent: IntentFields, v: Verdict): PublishEmitted => ({
  type: "publish",
  subject: subjects.decision(intent.agentId),
  body: { intent, approved: v.approved, ...(v.approved ? {} : { reason: v.reason }) },
});

/**
 * The floor boss: while running, every intent passes the risk gate and gets a decision;
 * while paused, every intent is rejected with the reason.
 */
export const bossMachine = setup({
  types: { context: {} as BossContext, events: {} as BossEvent, input: {} as { risk: RiskConfig }, emitted: {} as PublishEmitted },
}).createMachine({
  id: "boss",
  context: ({ input }) => ({ risk: input.risk, approved: 0, rejected: 0 }),
  initial: "running",
  states: {
    running: {
      on: {
        INTENT: [
          {
            guard: ({ context, event }) => riskGate(event.intent, event.exposure, context.risk).approved,
            actions: [assign({ approved: ({ context }) => context.approved + 1 }), emit(({ event }) => decision(event.intent, { approved: true }))],
          },
          {
            actions: [
              assign({ rejected: ({ context }) => context.rejected + 1 }),
              emit(({ context, event }) => decision(event.intent, riskGate(event.intent, event.exposure, context.risk))),
            ],
          },
        ],
        PAUSE: "paused",
      },
    },
    paused: {
      on: {
        INTENT: {
          actions: [assign({ rejected: ({ context }) => context.rejected + 1 }), emit(({ event }) => decision(event.intent, { approved: false, reason: "floor paused" }))],
        },
        RESUME: "running",
      },
    },
  },
});
