// The `floor` command's code bundled by esbuild from the TypeScript sources, and rebuilt whenever
// one of them changes: starting a process through tsx's loader cost about 3 s of CPU (a hook round
// trip per module, some 600 of them), the bundle under 1 s. Each role, restart and CLI call pays
// it. POLYFLOOR_BUNDLE=0 runs the sources through tsx instead.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where the code the bundle holds lives: a change to any file here (or to the lock file, or to this builder) rebuilds it. */
const SOURCES = ["agents", "floor", "state", "protocols"];
const CACHE = join(ROOT, "node_modules", ".cache", "polyfloor");

/** Newest mtime, count and total size of the sources: cheap to take on every start (a stat per file), and any edit changes it. */
function fingerprint() {
  let newest = 0;
  let count = 0;
  let bytes = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith(".test.ts")) {
        const s = statSync(p);
        newest = Math.max(newest, s.mtimeMs);
        count++;
        bytes += s.size;
      }
    }
  };
  for (const d of SOURCES) walk(join(ROOT, d));
  for (const f of ["package-lock.json", "bin/bundle.mjs"]) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return `${newest}:${count}:${bytes}`;
}

const read = (p) => {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return undefined;
  }
};

/** Build into a directory of its own, named after the fingerprint: processes that build at once each write a whole one, and none reads a half-written file. */
async function build(name) {
  const { build: esbuild } = await import("esbuild");
  // Each file keeps its own import.meta.url, as it has when run from source (paths next to a file resolve as before).
  const ownUrl = {
    name: "own-import-meta-url",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => ({ contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" }));
    },
  };
  const dir = join(CACHE, name);
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    stdin: { contents: 'import "./agents/install.ts";\nexport { main } from "./floor/cli/main.ts";\n', resolveDir: ROOT, sourcefile: "floor-entry.ts", loader: "ts" },
    bundle: true,
    // What is imported only when needed (live trading's clob-client-v2 and ethers) stays in a chunk of its own, loaded then.
    splitting: true,
    entryNames: "floor",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: tmp,
    plugins: [ownUrl],
    logLevel: "silent",
  });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process built the same sources first
  }
  // Older builds go: a process still running one has loaded what it needs, but for a lazy chunk, whose build then stays a day.
  for (const e of readdirSync(CACHE)) {
    const p = join(CACHE, e);
    if (e !== name && Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { recursive: true, force: true });
  }
}

/** The bundle's URL, built or rebuilt first when the sources changed; undefined when it is turned off or cannot be built (the caller runs the sources). */
export async function floorBundle() {
  if (process.env.POLYFLOOR_BUNDLE === "0") return undefined;
  try {
    const name = createHash("sha256").update(fingerprint()).digest("hex").slice(0, 16);
    const entry = join(CACHE, name, "floor.js");
    if (read(entry) === undefined) {
      mkdirSync(CACHE, { recursive: true });
      await build(name);
    }
    return pathToFileURL(entry).href;
  } catch (e) {
    if (process.env.DEBUG) process.stderr.write(`floor: no bundle (${e instanceof Error ? e.message : String(e)}); running the sources\n`);
    return undefined;
  }
}

// `node bin/bundle.mjs`: build it now (npm test does, so its processes start from the bundle).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = await floorBundle();
  if (!url) {
    process.stderr.write("bundle: not built (POLYFLOOR_BUNDLE=0, or DEBUG=1 says why)\n");
    process.exitCode = 1;
  }
}
