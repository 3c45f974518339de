import type { Broken } from "./Broken.ts";

/** The message id a restart gives what it rebuilt from the ledger. */
export const FROM_LEDGER = "ledger";

/**
 * An approval for an intent id (the client order id) that was approved before: `earlier` is the
 * market the earlier approval or order was for, undefined when the id is new. The same message
 * delivered again (same envelope id: a redelivery after a restart) is not a duplicate, nor the first
 * message heard for what a restart rebuilt from the ledger (`msgId` "ledger": its message is unknown).
 */
export function checkDuplicateIntent(intentId: string, earlier: { marketId: string; msgId?: string | undefined } | undefined, msgId: string): Broken | undefined {
  if (!earlier || earlier.msgId === msgId || earlier.msgId === FROM_LEDGER) return undefined;
  return { rule: "duplicate.intent", allowed: "one approval per intent id", actual: intentId, reason: `intent id ${intentId} approved again (first for ${earlier.marketId})` };
}

/** A fill id heard a second time in another message: a second booking of the same fill. `earlierMsg` is the first message's id, or FROM_LEDGER when rebuilt from the ledger. */
export function checkDuplicateFill(fillId: string, earlierMsg: string | undefined, msgId: string): Broken | undefined {
  if (earlierMsg === undefined || earlierMsg === msgId || earlierMsg === FROM_LEDGER) return undefined;
  return { rule: "duplicate.fill", allowed: "one event per fill id", actual: fillId, reason: `fill ${fillId} reported again (message ${msgId}, first ${earlierMsg})` };
}
