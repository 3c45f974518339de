/** Venue status words upper-cased; trade statuses lose the `TRADE_STATUS_` prefix some payloads carry. */
export function normTradeStatus(s: string): string {
  return s.toUpperCase().replace(/^TRADE_STATUS_/, "");
}
