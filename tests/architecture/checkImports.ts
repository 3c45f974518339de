import path from "node:path/posix";
import ts from "typescript";

/**
 * Where a repo file sits in the floor's layering. `agent` files carry their kind (agents/<kind>/);
 * files directly in agents/ (a registry listing every kind) are `agentsRoot`.
 */
export type Zone =
  | { layer: "agent"; kind: string }
  | { layer: "agentsRoot" | "kernel" | "shell" | "protocols" | "state" | "tests" | "other" };

/** floor/ folders agents may use at run time; every other floor/ folder is the shell. */
export const KERNEL = ["bus", "clock", "host", "pricing", "random", "log", "checkpoint", "net", "adapters", "replay", "stats", "params", "digest"] as const;

/** The folders whose sources are checked. */
export const CHECKED_ROOTS = ["agents", "floor", "protocols", "state"] as const;

export function zoneOf(file: string): Zone {
  const [top, second = "", third] = file.split("/");
  // "agents/feed" (an unresolved folder import) is the feed, not a file beside the kinds.
  const inFolder = third !== undefined || !/\.[a-z]+$/.test(second);
  if (top === "agents") return inFolder ? { layer: "agent", kind: second } : { layer: "agentsRoot" };
  if (top === "floor") return inFolder && (KERNEL as readonly string[]).includes(second) ? { layer: "kernel" } : { layer: "shell" };
  if (top === "protocols" || top === "state" || top === "tests") return { layer: top };
  return { layer: "other" };
}

const isAgents = (z: Zone): boolean => z.layer === "agent" || z.layer === "agentsRoot";
const within = (z: Zone, ...layers: Zone["layer"][]): boolean => layers.includes(z.layer);

interface Rule {
  rule: string;
  /** True when an import from `from` to `to` breaks the rule. */
  breaks(from: Zone, to: Zone): boolean;
}

/** The import rules, first match reported. Each reads as the sentence it enforces. */
export const RULES: readonly Rule[] = [
  {
    rule: "agents never import one another",
    breaks: (f, t) => f.layer === "agent" && t.layer === "agent" && f.kind !== t.kind,
  },
  {
    rule: "agents import only protocols/, state/, their own folder and the floor kernel",
    breaks: (f, t) => isAgents(f) && !within(t, "agent", "protocols", "state", "kernel") && !(f.layer === "agentsRoot" && t.layer === "agentsRoot"),
  },
  {
    rule: "the kernel never imports agents/ nor the shell",
    breaks: (f, t) => f.layer === "kernel" && (isAgents(t) || t.layer === "shell"),
  },
  {
    rule: "floor/ never imports agents/",
    breaks: (f, t) => f.layer === "shell" && isAgents(t),
  },
  {
    rule: "protocols/ imports nothing of ours",
    breaks: (f, t) => f.layer === "protocols" && t.layer !== "protocols",
  },
  {
    rule: "state/ imports only protocols/",
    breaks: (f, t) => f.layer === "state" && !within(t, "state", "protocols"),
  },
];

export const RULE_NAMES = RULES.map((r) => r.rule);

/**
 * Test files beside code obey the same rules, except that they may import tests/ (shared helpers
 * and fixtures): a test may set up what it checks, but the code it checks may not lean on it.
 */
const isTestFile = (file: string): boolean => file.endsWith(".test.ts");

/** Every module specifier of a file: static imports and re-exports (type-only too), and import("…"). */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** A relative specifier to the repo path it names; .js maps to .ts, a folder to its index.ts. */
function resolve(from: string, spec: string, files: ReadonlyMap<string, string>): string {
  const base = path.normalize(path.join(path.dirname(from), spec));
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => files.has(c)) ?? base;
}

/**
 * Checks every .ts file under agents/, floor/, protocols/ and state/ in `files` (repo path →
 * source; other paths only serve resolution). Returns one line per forbidden import.
 */
export function checkImports(files: ReadonlyMap<string, string>): string[] {
  const violations: string[] = [];
  for (const [file, source] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.endsWith(".ts") || !(CHECKED_ROOTS as readonly string[]).includes(file.split("/")[0] ?? "")) continue;
    const from = zoneOf(file);
    for (const spec of new Set(importsOf(source))) {
      if (!spec.startsWith(".")) continue; // npm packages and node builtins are allowed everywhere
      const target = resolve(file, spec, files);
      const to = zoneOf(target);
      if (isTestFile(file) && to.layer === "tests") continue;
      const broken = RULES.find((r) => r.breaks(from, to));
      if (broken) violations.push(`${file} imports ${target}: ${broken.rule}`);
    }
  }
  return violations;
}
