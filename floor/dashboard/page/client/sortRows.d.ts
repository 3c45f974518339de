export function sortRows<R extends { id: string }>(rows: readonly R[], key: string, dir: 1 | -1): R[];
