import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["agents/**/*.test.ts", "floor/**/*.test.ts", "protocols/**/*.test.ts", "state/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
    setupFiles: ["tests/helpers/installCatalog.ts"],
  },
});
