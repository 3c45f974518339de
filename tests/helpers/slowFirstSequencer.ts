import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The integration files that take longest, longest first: those over 9 s in a whole run's per-file
 * times (.ci/run prints them) on 2026-12-07. Keep it current: the selection week, once left out,
 * ran alone at the end of the suite for 7 of its 17 minutes. With two workers a long file that
 * starts last runs alone at the end; started first, the short ones fill the other worker around it. vitest orders by
 * the previous run's durations only when it has them (node_modules/.vite), which a fresh clone in
 * CI never has: it then orders by file size. Files not named here keep vitest's order, after these.
 */
export const SLOW_FIRST = [
  "tests/boss/selectionWeek.test.ts",
  "tests/floor/playbook.test.ts",
  "tests/floor/natsClusterRoles.test.ts",
  "tests/auth/busCredentials.test.ts",
  "tests/digest/dailyDigest.test.ts",
  "tests/groundtruth/selectionSim.test.ts",
  "tests/floor/simFloor.test.ts",
  "tests/backtest/backtest.test.ts",
  "tests/cli/cli.test.ts",
  "tests/chaos/chaos.test.ts",
  "tests/sim/edge.test.ts",
  "tests/bus/natsCluster.test.ts",
  "tests/lock/oneWriter.test.ts",
  "tests/floor/simResume.test.ts",
  "tests/floor/natsClusterFloor.test.ts",
  "tests/supervisor/supervised.test.ts",
  "tests/alerts/floorAlerts.test.ts",
  "tests/floor/supervision.test.ts",
  "tests/cli/shutdown.test.ts",
  "tests/floor/busOutage.test.ts",
  "tests/cli/outage.test.ts",
  "tests/floor/livingFloor.test.ts",
  "tests/floor/roles.test.ts",
  "tests/cli/roleStop.test.ts",
  "tests/dashboard/dashboard.test.ts",
  "tests/sim/efficiency.test.ts",
  "tests/cli/live.test.ts",
  "tests/cli/liveStop.test.ts",
  "tests/audit/spoofedDecision.test.ts",
  "tests/exchange/engine/properties.test.ts",
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(relative(f.project.config.root, f.moduleId).replaceAll("\\", "/"));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // vitest keeps each project's files together; within each, the named files first in this order,
    // then the rest as vitest had them (Array.prototype.sort is stable).
    const blocks: TestSpecification[][] = [];
    for (const f of sorted) {
      const last = blocks.at(-1);
      if (last && last[0]!.project === f.project) last.push(f);
      else blocks.push([f]);
    }
    return blocks.flatMap((block) => block.sort((a, b) => rank(a) - rank(b)));
  }
}
