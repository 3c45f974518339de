/**
 * A scripted track record: `n` trades winning `winRate` of them, spread as evenly as they go
 * (trade i wins when ⌊(i+1)·q⌋ > ⌊i·q⌋), paying `win` on a win and `loss` on a loss. Even money
 * (±1) by default: SR (2q − 1)/(2√(q(1 − q))), with no luck in it.
 */
export function evenRecord(n: number, winRate: number, win = 1, loss = -1): number[] {
  return Array.from({ length: n }, (_, i) => (Math.floor((i + 1) * winRate) > Math.floor(i * winRate) ? win : loss));
}
