import type { RoleOutcome } from "./SupervisedRole.ts";

/** What a run's roles did wrong: one that kept dying, or whose last process did not exit 0. */
export function roleProblems(outcomes: readonly RoleOutcome[]): string[] {
  return outcomes.flatMap((o) => {
    if (o.gaveUp) return [`the ${o.role} role kept dying (${o.unplannedDeaths.length} deaths the harness did not cause) and was not started again`];
    if (o.last.code !== 0) return [`the ${o.role} role's last process (incarnation ${o.incarnations}) exited with ${o.last.signal ?? `code ${o.last.code}`}, not 0`];
    return [];
  });
}
