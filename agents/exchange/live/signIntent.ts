/**
 * An intent signed into the venue's order, not posted: the client's `createOrder` (GTC/GTD) or
 * `createMarketOrder` (FOK/FAK). This is what `createAndPostOrder` / `createAndPostMarketOrder`
 * do before posting, split off so the signed order — and so its EIP-712 hash, the venue order
 * id — is known and kept per intent before any post.
 */
import { OrderType, Side, type ClobClient, type CreateOrderOptions, type SignedOrder } from "@polymarket/clob-client-v2";
import type { LiveIntent } from "./events.ts";
import type { VenueCall } from "./venueCall.ts";

/** `client` is asked for at each attempt: it throws before init(). */
export async function signIntent(
  client: () => ClobClient,
  intent: LiveIntent,
  options: Partial<CreateOrderOptions>,
  call: VenueCall,
): Promise<SignedOrder> {
  const price = intent.price / 1_000_000;
  const shares = intent.size / 1_000_000;
  const side = intent.side === "BUY" ? Side.BUY : Side.SELL;
  if (intent.type === "GTC" || intent.type === "GTD") {
    return call("sign limit order", () =>
      client().createOrder(
        {
          tokenID: intent.tokenId,
          price,
          size: shares,
          side,
          ...(intent.type === "GTD" && intent.expiration !== undefined ? { expiration: intent.expiration } : {}),
        },
        options,
      ),
    );
  }
  // Market orders: BUY amount is dollars, SELL amount is shares; price is the worst acceptable price.
  const amount = intent.side === "BUY" ? (intent.price * intent.size) / 1e12 : shares;
  return call("sign market order", () =>
    client().createMarketOrder(
      { tokenID: intent.tokenId, price, amount, side, orderType: intent.type === "FOK" ? OrderType.FOK : OrderType.FAK },
      options,
    ),
  );
}

export function toTypeEnum(t: LiveIntent["type"]): OrderType {
  return t === "GTC" ? OrderType.GTC : t === "GTD" ? OrderType.GTD : t === "FOK" ? OrderType.FOK : OrderType.FAK;
}
