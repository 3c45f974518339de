import { defineConfig } from "vitest/config";

// Two projects (`vitest run --project unit`, `npm run test:unit`); a plain `vitest run` runs both, once.
// `extends: true` gives each the settings below (timeouts, pool); reporters stay global, for .ci/run.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
    setupFiles: ["tests/helpers/installCatalog.ts"],
    projects: [
      // The tests beside the code they test.
      // Pure and in-process: one worker module graph serves them all (isolate: false), so the agent
      // catalog is imported once rather than once per file (that setup was most of their time).
      { extends: true, test: { name: "unit", isolate: false, include: ["agents/**/*.test.ts", "floor/**/*.test.ts", "protocols/**/*.test.ts", "state/**/*.test.ts"] } },
      // Whole floors, buses, NATS servers, the CLI, browsers.
      { extends: true, test: { name: "integration", include: ["tests/**/*.test.ts"] } },
    ],
  },
});
