#!/usr/bin/env node
// Print the nats-server config of the floor's bus users (config/nats/floor-auth.conf is its output):
//   npm run nats-config [-- --prefix prod.] [--config config/floor.yaml] > config/nats/floor-auth.conf
import { register } from "tsx/esm/api";

register();
// The floor never imports agents/: the entry point hands it the agent catalog.
await import("../agents/install.ts");
const { natsConfigMain } = await import("../floor/cli/natsConfigMain.ts");
process.exitCode = natsConfigMain(process.argv.slice(2), process.stdout, process.stderr);
