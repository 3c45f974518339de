import { rmSync } from "node:fs";
import { UsageError } from "../cli/UsageError.ts";
import { CHAOS_USAGE, parseChaosOptions, type ChaosOptions } from "./ChaosOptions.ts";
import { formatChaosReport } from "./formatChaosReport.ts";
import { runChaos } from "./runChaos.ts";

/**
 * `npm run chaos`: run the harness, print the report (JSON with `--json`), exit 0 when every
 * invariant held and every role ended cleanly, 1 otherwise, 2 on bad usage. A temporary folder
 * is removed after a run that passed and kept (its path printed) after one that did not.
 */
export async function chaosMain(argv: string[]): Promise<number> {
  let opts: ChaosOptions;
  try {
    opts = parseChaosOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof TypeError)) throw e;
    console.error(`${(e as Error).message}\n${CHAOS_USAGE}`);
    return 2;
  }
  try {
    const report = await runChaos(opts);
    const keep = opts.keep !== undefined || !report.ok;
    if (!keep && report.dir) rmSync(report.dir, { recursive: true, force: true });
    const shown = keep ? report : { ...report, dir: undefined };
    console.log(opts.json ? JSON.stringify(shown, null, 2) : formatChaosReport(shown));
    if (!report.ok && !opts.keep) console.error(`chaos: the run failed; its files and logs are kept in ${report.dir}`);
    return report.ok ? 0 : 1;
  } catch (e) {
    console.error(`chaos: ${(e as Error).message}`);
    return 1;
  }
}
