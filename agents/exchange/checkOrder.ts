/** Venue-side checks before matching; messages follow the CLOB's own wording where it has one. */
export function checkOrder(o: { price: number; size: number }, market: { tickSize: number; minSize: number }): string | undefined {
  if (o.price % market.tickSize !== 0) return `invalid price (${o.price / 1e6}), min tick size: ${market.tickSize / 1e6}`;
  if (o.price < market.tickSize || o.price > 1_000_000 - market.tickSize)
    return `invalid price (${o.price / 1e6}), min: ${market.tickSize / 1e6} - max: ${1 - market.tickSize / 1e6}`;
  if (o.size < market.minSize) return `Size (${o.size / 1e6}) lower than the minimum: ${market.minSize / 1e6}`;
  return undefined;
}
