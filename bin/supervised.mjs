#!/usr/bin/env node
// `npm run floor:supervised`: the bus and every role of the floor under supervisord (supervisord.conf).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../floor/supervised/main.ts");
process.exitCode = await main();
