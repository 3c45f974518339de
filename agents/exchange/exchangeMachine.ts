import { assign, setup } from "xstate";

export interface ExchangeContext {
  orders: number;
  fills: number;
  rejects: number;
}

export type ExchangeEvent =
  | { type: "ORDER" }
  | { type: "FILL" }
  | { type: "REJECTED" }
  | { type: "HALT"; reason?: string }
  | { type: "RESUME" };

/** The paper exchange's life: open for orders, or halted (every order rejected). */
export const exchangeMachine = setup({
  types: { context: {} as ExchangeContext, events: {} as ExchangeEvent },
}).createMachine({
  id: "exchange",
  context: { orders: 0, fills: 0, rejects: 0 },
  initial: "open",
  on: { REJECTED: { actions: assign({ rejects: ({ context }) => context.rejects + 1 }) } },
  states: {
    open: {
      on: {
        ORDER: { actions: assign({ orders: ({ context }) => context.orders + 1 }) },
        FILL: { actions: assign({ fills: ({ context }) => context.fills + 1 }) },
        HALT: "halted",
      },
    },
    halted: { on: { RESUME: "open" } },
  },
});
