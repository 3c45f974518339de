// vitest setup: every test process gets the agent catalog, as bin/floor.mjs gives the CLI.
import "../../agents/install.ts";
