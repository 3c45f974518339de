/** One sample of the Prometheus text exposition format (version 0.0.4). */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface PromFamily {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  help?: string;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
/** The suffixes a histogram's or summary's samples add to the family name. */
const SUFFIXES: Record<string, readonly string[]> = { histogram: ["_bucket", "_sum", "_count"], summary: ["_sum", "_count"] };

function parseValue(text: string, line: number): number {
  if (text === "NaN") return NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new SyntaxError(`line ${line}: not a sample value: ${JSON.stringify(text)}`);
  return Number(text);
}

/** `{a="x",b="y\"z"}` from position `i` of `s` (at the `{`): the labels and where they end. */
function parseLabels(s: string, i: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let k = i + 1;
  const fail = (why: string) => new SyntaxError(`line ${line}: ${why} in ${JSON.stringify(s)}`);
  while (s[k] !== "}") {
    const eq = s.indexOf("=", k);
    if (eq < 0) throw fail("a label without =");
    const name = s.slice(k, eq).trim();
    if (!LABEL.test(name)) throw fail(`bad label name ${JSON.stringify(name)}`);
    if (name in labels) throw fail(`label ${name} twice`);
    if (s[eq + 1] !== '"') throw fail("a label value must be quoted");
    let v = "";
    let j = eq + 2;
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] !== "\\") {
        v += s[j];
        continue;
      }
      const next = s[++j];
      if (next === "n") v += "\n";
      else if (next === "\\" || next === '"') v += next;
      else throw fail(`bad escape \\${next}`);
    }
    if (j >= s.length) throw fail("an unterminated label value");
    labels[name] = v;
    k = j + 1;
    if (s[k] === ",") k++;
    else if (s[k] !== "}") throw fail("labels must be separated by commas");
  }
  return { labels, end: k + 1 };
}

/**
 * Parse a scrape strictly: HELP and TYPE lines (one of each per family at most, TYPE before its
 * samples), metric and label names by the format's grammar, escaped label values, values with
 * NaN and ±Inf, an optional integer timestamp. Every sample must belong to a family with a TYPE.
 * Throws a SyntaxError naming the line on anything else.
 */
export function parsePromText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const helps = new Map<string, string>();
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === "") return;
    if (raw.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(raw);
      if (!m) return; // a plain comment
      const [, kind, name, rest = ""] = m;
      if (!NAME.test(name!)) throw new SyntaxError(`line ${line}: bad metric name ${JSON.stringify(name)}`);
      if (kind === "HELP") {
        if (helps.has(name!)) throw new SyntaxError(`line ${line}: a second HELP for ${name}`);
        helps.set(name!, rest);
        const f = families.get(name!);
        if (f) f.help = rest;
        return;
      }
      if (!TYPES.has(rest)) throw new SyntaxError(`line ${line}: bad type ${JSON.stringify(rest)}`);
      if (families.has(name!)) throw new SyntaxError(`line ${line}: a second TYPE for ${name}`);
      families.set(name!, { name: name!, type: rest as PromFamily["type"], samples: [], ...(helps.has(name!) ? { help: helps.get(name!)! } : {}) });
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) throw new SyntaxError(`line ${line}: not a sample: ${JSON.stringify(raw)}`);
    const name = raw.slice(0, nameEnd);
    if (!NAME.test(name)) throw new SyntaxError(`line ${line}: bad metric name ${JSON.stringify(name)}`);
    const { labels, end } = raw[nameEnd] === "{" ? parseLabels(raw, nameEnd, line) : { labels: {}, end: nameEnd };
    const parts = raw.slice(end).trim().split(/ +/);
    if (parts.length < 1 || parts.length > 2 || parts[0] === "") throw new SyntaxError(`line ${line}: a sample needs a value and at most a timestamp`);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new SyntaxError(`line ${line}: bad timestamp ${parts[1]}`);
    const family = families.get(name) ?? [...families.values()].find((f) => (SUFFIXES[f.type] ?? []).some((x) => name === f.name + x));
    if (!family) throw new SyntaxError(`line ${line}: sample ${name} has no TYPE before it`);
    family.samples.push({ name, labels, value: parseValue(parts[0]!, line), ...(parts[1] !== undefined ? { timestamp: Number(parts[1]) } : {}) });
  });
  return families;
}
