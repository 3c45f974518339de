export function sparkPath(values: readonly number[], width: number, height: number, pad?: number): string;
export function drawdowns(equity: readonly number[]): number[];
