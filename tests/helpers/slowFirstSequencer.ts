import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The integration files that take longest, longest first (from a whole run's per-file times, which
 * .ci/run prints; keep it roughly current). With two workers a long file that starts last runs
 * alone at the end; started first, the short ones fill the other worker around it. vitest orders by
 * the previous run's durations only when it has them (node_modules/.vite), which a fresh clone in
 * CI never has: it then orders by file size. Files not named here keep vitest's order, after these.
 */
export const SLOW_FIRST = [
  "tests/backtest/backtest.test.ts",
  "tests/auth/busCredentials.test.ts",
  "tests/cli/cli.test.ts",
  "tests/lock/oneWriter.test.ts",
  "tests/floor/simResume.test.ts",
  "tests/cli/badInputs.test.ts",
  "tests/floor/simFloor.test.ts",
  "tests/cli/auditVerify.test.ts",
  "tests/sim/edge.test.ts",
  "tests/sim/efficiency.test.ts",
  "tests/cli/liveKill.test.ts",
  "tests/cli/agentCommand.test.ts",
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
