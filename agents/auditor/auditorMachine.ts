import { assign, setup } from "xstate";

export interface AuditorContext {
  entries: number;
  violations: number;
  writeErrors: number;
}

export type AuditorEvent = { type: "WRITTEN"; violation: boolean } | { type: "WRITE_FAILED"; error: string };

/** The auditor's life: auditing, or degraded while the audit log cannot be written (it keeps trying). */
export const auditorMachine = setup({
  types: { context: {} as AuditorContext, events: {} as AuditorEvent },
}).createMachine({
  id: "auditor",
  context: { entries: 0, violations: 0, writeErrors: 0 },
  initial: "auditing",
  on: {
    WRITTEN: { target: ".auditing", actions: assign(({ context, event }) => ({ entries: context.entries + 1, violations: context.violations + (event.violation ? 1 : 0) })) },
    WRITE_FAILED: { target: ".degraded", actions: assign({ writeErrors: ({ context }) => context.writeErrors + 1 }) },
  },
  states: { auditing: {}, degraded: {} },
});
