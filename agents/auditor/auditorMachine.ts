import { assign, setup } from "xstate";

export interface AuditorContext {
  entries: number;
  violations: number;
  writeErrors: number;
  /** The auditor's own violations raised, per rule (docs/AUDIT.md lists the rules). */
  byRule: Record<string, number>;
}

export type AuditorEvent = { type: "WRITTEN"; violation: boolean } | { type: "WRITE_FAILED"; error: string } | { type: "VIOLATION"; rule: string };

/** The auditor's life: auditing, or degraded while the audit log cannot be written (it keeps trying). */
export const auditorMachine = setup({
  types: { context: {} as AuditorContext, events: {} as AuditorEvent },
}).createMachine({
  id: "auditor",
  context: { entries: 0, violations: 0, writeErrors: 0, byRule: {} },
  initial: "auditing",
  on: {
    WRITTEN: { target: ".auditing", actions: assign(({ context, event }) => ({ entries: context.entries + 1, violations: context.violations + (event.violation ? 1 : 0) })) },
    WRITE_FAILED: { target: ".degraded", actions: assign({ writeErrors: ({ context }) => context.writeErrors + 1 }) },
    VIOLATION: { actions: assign({ byRule: ({ context, event }) => ({ ...context.byRule, [event.rule]: (context.byRule[event.rule] ?? 0) + 1 }) }) },
  },
  states: { auditing: {}, degraded: {} },
});
