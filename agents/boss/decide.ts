import { subjects, type IntentFields, type RiskConfig } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { agentMode, floorMode, refill, take, type RiskState } from "./breakers/index.ts";
import { riskGate, type Exposure, type Verdict } from "./gate/index.ts";
import { ratesOf } from "./venueTier.ts";

/** One intent judged: the book after it (a token taken for an order sent), the verdict, and the decision to publish. */
export interface Decided {
  book: RiskState;
  verdict: Verdict;
  outcome: "approved" | "resized" | "rejected";
  /** The size approved (the intent's, or the resized one); 0 when rejected. */
  size: number;
  decision: PublishEmitted;
}

/**
 * Judge an intent at floor time `now` against the gate, with the floor's and the agent's trading
 * states and the venue's buckets as the book has them. A resized approval carries the new size in
 * its intent (the exchange places that, the auditor checks fills against it) and the size asked.
 */
export function decide(book: RiskState, risk: RiskConfig, intent: IntentFields, exposure: Exposure, now: number): Decided {
  const rates = ratesOf(risk.venueTier);
  const orderRate = rates.orders;
  const cancels = refill(book.cancels, now, rates.cancels);
  const orders = refill(book.orders, now, orderRate);
  const state = { floor: floorMode(book), agent: agentMode(book, intent.agentId), orderTokens: orders.tokens, cancelTokens: cancels.tokens };
  const verdict = riskGate(intent, exposure, risk, state);
  const subject = subjects.decision(intent.agentId);
  if (!verdict.approved) return { book, verdict, outcome: "rejected", size: 0, decision: { type: "publish", subject, body: { intent, approved: false, reason: verdict.reason } } };
  const next = { ...book, orders: take(orders, now, orderRate), cancels };
  if (!verdict.resize) return { book: next, verdict, outcome: "approved", size: intent.size, decision: { type: "publish", subject, body: { intent, approved: true } } };
  const { size, reason } = verdict.resize;
  return { book: next, verdict, outcome: "resized", size, decision: { type: "publish", subject, body: { intent: { ...intent, size }, approved: true, reason, requestedSize: intent.size } } };
}
