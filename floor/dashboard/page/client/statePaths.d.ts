export function activeOf(flat: string, paths: ReadonlySet<string>): string[];
export interface DrawnEdge { event: string; from: string; to: string; kind?: string }
export function takenEdge<E extends DrawnEdge>(edges: readonly E[], t: { event: string; from: string; to: string }, paths: ReadonlySet<string>): E | undefined;
