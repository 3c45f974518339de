#!/usr/bin/env node
// The `floor` command. TypeScript runs through tsx's loader, so there is no build step to forget.
import { register } from "tsx/esm/api";
import { floorBundle } from "./bundle.mjs";

// The last resort: an error no command caught (one thrown later from a timer, say) is one line,
// not a stack trace, unless DEBUG is set; after a failure already reported, nothing more is said.
let reported = false;
const lastResort = (e) => {
  if (!reported) process.stderr.write(`floor: ${e instanceof Error ? e.message : String(e)}${process.env.DEBUG ? `\n${e?.stack}` : " (DEBUG=1 shows where)"}\n`);
  process.exit(process.exitCode || 1);
};
process.on("uncaughtException", lastResort);
process.on("unhandledRejection", lastResort);

// The floor never imports agents/: the entry point hands it the agent catalog (the bundle's entry does the same).
const { main } = await (async () => {
  const bundle = await floorBundle();
  if (bundle) return import(bundle);
  register();
  await import("../agents/install.ts");
  return import("../floor/cli/main.ts");
})();
const code = await main(process.argv.slice(2));
process.exitCode = code;
reported = code !== 0;
// Anything still holding the event loop open after a command is done must not keep the CLI alive.
setTimeout(() => process.exit(code), 2000).unref();
