import { z } from "zod";
import { TokenId } from "../../../protocols/index.ts";

/** Gamma encodes some arrays as JSON inside a string (reference §3.2). */
function jsonString<T extends z.ZodType>(inner: T) {
  return z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not a JSON-encoded string" });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

const Num = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().finite().nonnegative());
const IsoTime = z.string().transform((s, ctx) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: "custom", message: `not a time: ${s.slice(0, 40)}` });
    return z.NEVER;
  }
  return t;
});

/** The fields of a Gamma market object the floor uses (reference §3.3); the rest pass through unchecked. */
export const GammaMarket = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  slug: z.string().min(1).max(128),
  question: z.string().optional(),
  conditionId: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  clobTokenIds: jsonString(z.array(TokenId).length(2)),
  outcomes: jsonString(z.array(z.string()).length(2)),
  outcomePrices: jsonString(z.array(z.string())).optional(),
  endDate: IsoTime,
  eventStartTime: IsoTime.optional(),
  closed: z.boolean().optional(),
  umaResolutionStatus: z.string().optional(),
  feesEnabled: z.boolean().optional(),
  // Gamma names no fee currency: the floor's default (pUSD, the current docs) applies.
  feeSchedule: z.object({ rate: z.number().min(0).max(1), exponent: z.number().min(0).max(4), takerOnly: z.boolean(), rebateRate: z.number().min(0).max(1).optional() }).optional(),
  orderPriceMinTickSize: Num.pipe(z.number().positive().max(0.1)),
  orderMinSize: Num,
  /**
   * Since 2026-08: how the market settles, e.g. `{id:"btc-5m-twap-60", asset:"btc", duration:"5m",
   * twapEnabled:true, twapLookbackSeconds:60}` (reference §3.3). `twapLookbackSeconds` is null on
   * the spot-settled markets of early August. Unreadable → treated as absent.
   */
  cryptoMarketConfig: z
    .object({ twapEnabled: z.boolean().nullish(), twapLookbackSeconds: z.number().int().positive().max(3600).nullish() })
    .nullish()
    .catch(undefined),
});
export type GammaMarket = z.infer<typeof GammaMarket>;

/** `GET /events/slug/<slug>`: the event, its markets, and (after 2026-08) `eventMetadata.priceToBeat`. */
export const GammaEvent = z.object({
  slug: z.string().optional(),
  markets: z.array(z.unknown()).min(1),
  eventMetadata: z
    .object({ priceToBeat: Num.pipe(z.number().positive()).optional().catch(undefined), finalPrice: Num.pipe(z.number().positive()).optional().catch(undefined) })
    .nullish()
    .catch(undefined),
});
