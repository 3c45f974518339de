import type { StateConfig } from "./machineConfig.ts";

/** A Mermaid `stateDiagram-v2` of a machine config (renders on GitHub and in most Markdown viewers). */
export function toMermaid(config: StateConfig & { id: string }): string {
  const lines = ["stateDiagram-v2"];
  const walk = (c: StateConfig, prefix: string, indent: string) => {
    if (c.initial) lines.push(`${indent}[*] --> ${prefix}${c.initial}`);
    for (const [name, s] of Object.entries(c.states ?? {})) {
      const id = `${prefix}${name}`;
      if (s.type === "final") lines.push(`${indent}${id} --> [*]`);
      for (const [event, ts] of Object.entries(s.on ?? {}))
        for (const t of ts) lines.push(`${indent}${id} --> ${t.target ? `${prefix}${t.target.split(".").pop()}` : id}: ${event}${t.guard ? ` [${t.guard}]` : ""}`);
      for (const t of s.always ?? []) if (t.target) lines.push(`${indent}${id} --> ${prefix}${t.target.split(".").pop()}: always${t.guard ? ` [${t.guard}]` : ""}`);
      if (s.states) {
        lines.push(`${indent}state ${id} {`);
        walk(s, "", `${indent}  `);
        lines.push(`${indent}}`);
      }
    }
    for (const [event, ts] of Object.entries(c.on ?? {}))
      for (const t of ts) if (t.target) lines.push(`${indent}note right of ${prefix}${t.target.split(".").pop()}: any state, on ${event}`);
  };
  walk(config, "", "  ");
  return `${lines.join("\n")}\n`;
}
