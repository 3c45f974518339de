#!/usr/bin/env node
// `npm run bench`: bus/actor ceilings and the end-to-end floor rate, as one JSON document on stdout.
// TypeScript runs through tsx's loader, as in bin/floor.mjs.
import { register } from "tsx/esm/api";

register();
// The floor never imports agents/: the entry point hands it the agent catalog.
await import("../agents/install.ts");
const { main } = await import("../bench/main.ts");
const code = await main();
process.exitCode = code;
// A NATS socket or timer still holding the event loop open must not keep the bench alive.
setTimeout(() => process.exit(code), 2000).unref();
