/** What moves the risk book (all at floor time `now`, money in micro-units). */
export type RiskEvent =
  /** An agent's position in a market settled with this PnL (`alive`: the agent is still trading). */
  | { type: "settled"; agentId: string; pnl: number; alive: boolean; now: number }
  /** The exchange answered an order: accepted (an ack), or an error (a reject, a fill undone on chain). */
  | { type: "answered"; error: boolean; now: number }
  /** An underlying's high over low within the trailing window (a fraction), measured at a spot tick. */
  | { type: "spotMove"; symbol: string; move: number; now: number }
  /** Floor time passed: clocked resumptions and the sliding windows. */
  | { type: "tick"; now: number }
  /** A trader was born or restarted, or it is gone (retired, failed). */
  | { type: "born"; agentId: string; now: number }
  | { type: "gone"; agentId: string; now: number };
