/**
 * Why an exchange refuses an order it is given once the floor began to stop (AgentContext.stopping):
 * the reject's reason in the ledger and on `order.event`, so a refused order is counted as such.
 */
export const STOPPING = "floor stopping";
