#!/usr/bin/env node
// `npm run chaos`: a multi-process sim under SIGKILLs and NATS restarts, then the invariants (docs/CHAOS.md).
// TypeScript runs through tsx's loader, as in bin/floor.mjs.
import { register } from "tsx/esm/api";

register();
const { chaosMain } = await import("../floor/chaos/index.ts");
const code = await chaosMain(process.argv.slice(2));
process.exitCode = code;
// A NATS socket or timer still holding the event loop open must not keep the harness alive.
setTimeout(() => process.exit(code), 2000).unref();
