#!/usr/bin/env node
// The `floor` command. TypeScript runs through tsx's loader, so there is no build step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../floor/cli/main.ts");
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Anything still holding the event loop open after a command is done must not keep the CLI alive.
setTimeout(() => process.exit(code), 2000).unref();
