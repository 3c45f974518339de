import { parseOptions } from "../parseOptions.ts";
import { listAgentEvents, listAgents, listJudgements, type AgentRecord, type JudgementRecord } from "../../../state/index.ts";
import type { Io } from "../Io.ts";
import { dbPathFrom, openExisting } from "./status.ts";

const at = (ts: number) => new Date(ts).toISOString();

/** The family tree: each agent under its parent, roots in birth order. */
function tree(rows: readonly AgentRecord[]): Array<{ a: AgentRecord; depth: number }> {
  const known = new Set(rows.map((r) => r.agentId));
  const children = new Map<string | null, AgentRecord[]>();
  for (const r of rows) {
    const p = r.parentId !== null && known.has(r.parentId) ? r.parentId : null;
    children.set(p, [...(children.get(p) ?? []), r]);
  }
  const out: Array<{ a: AgentRecord; depth: number }> = [];
  const walk = (p: string | null, depth: number) => {
    for (const a of children.get(p) ?? []) {
      out.push({ a, depth });
      walk(a.agentId, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The judgement's numbers in one line: what decided it. */
function numbersLine(j: JudgementRecord): string {
  const n = j.numbers;
  const f = (k: string, d = 3) => (typeof n[k] === "number" ? (n[k] as number).toFixed(d) : "n/a");
  return `n ${n.n ?? 0}/${n.needed ?? "∞"} SR ${f("sr", 4)} PSR ${f("psr")} DSR ${f("dsr")} (${n.trials ?? 0} trials) MinTRL ${f("minTrl", 0)} drawdown ${f("drawdown", 2)}`;
}

/**
 * `floor agents`: the registry as a family tree (a clone under its parent), with births, deaths
 * and the boss's latest judgement of each trader; `--history` adds every spawn, change,
 * retirement and judgement with who asked and why; `--json` gives it all, with every judgement's numbers.
 */
export async function agents(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { db: { type: "string" }, json: { type: "boolean", default: false }, history: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const rows = listAgents(db);
    const events = listAgentEvents(db);
    const judgements = listJudgements(db);
    const of = <T extends { agentId: string }>(xs: readonly T[], id: string) => xs.filter((x) => x.agentId === id);
    if (v.json) {
      io.out(JSON.stringify(rows.map((a) => ({ ...a, children: rows.filter((c) => c.parentId === a.agentId).map((c) => c.agentId), events: of(events, a.agentId), judgements: of(judgements, a.agentId) })), null, 2));
      return 0;
    }
    for (const { a, depth } of tree(rows)) {
      const pad = "  ".repeat(depth) + (depth > 0 ? "└ " : "");
      io.out(`${(pad + a.agentId).padEnd(24)} ${a.kind.padEnd(9)} ${a.state.padEnd(11)} ${a.origin.padEnd(8)} born ${at(a.bornTs)}${a.parentId ? ` from ${a.parentId}` : ""}${a.diedTs ? ` died ${at(a.diedTs)}: ${a.deathReason}` : ""}`);
      const mine = of(judgements, a.agentId);
      const last = mine[mine.length - 1];
      if (last) io.out(`${" ".repeat(pad.length + 2)}${last.action} at ${at(last.ts)}: ${numbersLine(last)}`);
      if (v.history) {
        const lines = [...of(events, a.agentId).map((e) => ({ ts: e.ts, text: `${e.verb} by ${e.by}: ${e.reason}` })), ...mine.map((j) => ({ ts: j.ts, text: `judged ${j.action}: ${j.reason}` }))];
        for (const l of lines.sort((x, y) => x.ts - y.ts)) io.out(`  ${at(l.ts)} ${l.text}`);
      }
    }
    return 0;
  } finally {
    db.close();
  }
}
