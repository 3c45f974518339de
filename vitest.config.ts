import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./tests/helpers/slowFirstSequencer.ts";

// Two projects (`vitest run --project unit`, `npm run test:unit`); a plain `vitest run` runs both, once.
// `extends: true` gives each the settings below (timeouts, pool); reporters stay global, for .ci/run.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
    setupFiles: ["tests/helpers/installCatalog.ts"],
    // Tests of the floor's mechanics run the one-momentum-trader roster they were written for (the
    // shipped roster is 7 traders, a market maker among them); tests of the roster name config/floor.yaml.
    env: { POLYFLOOR_CONFIG: "tests/fixtures/one-trader/floor.yaml" },
    // The integration files known to take longest start first, so none of them is left to run alone at the end.
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      // The tests beside the code they test.
      // Pure and in-process: one worker module graph serves them all (isolate: false), so the agent
      // catalog is imported once rather than once per file (that setup was most of their time).
      { extends: true, test: { name: "unit", isolate: false, include: ["agents/**/*.test.ts", "floor/**/*.test.ts", "protocols/**/*.test.ts", "state/**/*.test.ts"], sequence: { groupOrder: 1 } } },
      // Whole floors, buses, NATS servers, the CLI, browsers.
      // At least two files at a time, even on two cores (where vitest's default is one worker): much
      // of a file's time is spent waiting on what it started (a spawned floor, a paced run, a
      // nats-server, a browser), and the other file uses the core meanwhile. groupOrder: projects
      // with their own maxWorkers run as separate groups (integration first, as before).
      { extends: true, test: { name: "integration", include: ["tests/**/*.test.ts"], maxWorkers: Math.max(2, availableParallelism() - 1), sequence: { groupOrder: 0 } } },
    ],
  },
});
