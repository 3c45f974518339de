import type { LiveIntent } from "./events.ts";
import { venueMicro } from "./events.ts";

/** What the venue holds for us, as `GET /balance-allowance` reports it. */
export interface Funds {
  /** Collateral (pUSD), micro. */
  collateral: number;
  /** The venue's allowances by spender address, in base units; for a BUY. */
  allowances?: Record<string, string>;
  /** Shares of the order's token, micro; for a SELL. */
  shares?: number;
}

/**
 * Why an order cannot be paid for, or undefined. A BUY needs collateral and the exchange's
 * allowance (when the venue lists one for it) to cover price × size; a SELL needs the shares.
 */
export function fundsShortfall(intent: Pick<LiveIntent, "side" | "price" | "size">, funds: Funds, spender: string): string | undefined {
  if (intent.side === "SELL") {
    const shares = funds.shares ?? 0;
    return shares < intent.size ? `insufficient shares: need ${intent.size}, have ${shares}` : undefined;
  }
  const cost = Math.ceil((intent.price * intent.size) / 1_000_000);
  if (cost > funds.collateral) return `insufficient collateral: need ${cost}, have ${funds.collateral}`;
  const s = spender.toLowerCase();
  const listed = Object.entries(funds.allowances ?? {}).find(([k]) => k.toLowerCase() === s);
  if (listed && BigInt(/^\d+$/.test(listed[1]) ? listed[1] : "0") < BigInt(cost)) {
    return `allowance too small: the exchange ${s} may spend ${listed[1]} of the ${cost} needed; approve the collateral for it`;
  }
  return undefined;
}

/** A balance as the venue reports it: base units of a 6-decimal token (so micro-units already), or a decimal. */
export function baseUnits(v: unknown): number {
  const b = String(v ?? "0").trim();
  return /^\d+$/.test(b) ? Number(BigInt(b)) : venueMicro(b);
}
