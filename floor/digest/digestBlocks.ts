import type { Block } from "./Block.ts";
import { agentBlocks } from "./agentBlocks.ts";
import type { DigestDay } from "./DigestDay.ts";
import { eventBlocks } from "./eventBlocks.ts";
import { floorBlocks } from "./floorBlocks.ts";
import { healthBlocks } from "./healthBlocks.ts";
import type { Narrative } from "./Narrative.ts";

/** The whole digest as blocks: the floor, the narrative (when asked for), the agents, what happened, health. */
export function digestBlocks(d: DigestDay, narrative?: Narrative): Block[] {
  const [title, intro, ...floor] = floorBlocks(d);
  return [
    title!,
    intro!,
    ...floor,
    ...(narrative ? [narrativeBlock(narrative)] : []),
    ...agentBlocks(d.agents),
    ...eventBlocks(d),
    ...healthBlocks(d),
    {
      type: "para",
      text: `Every number in this digest comes from the floor's database: the ledger, the registry, the boss's judgements, the forecasts and the audit log (docs/DIGEST.md says how each is computed). \`floor digest --date ${d.date}\` writes it again.`,
    },
  ];
}

function narrativeBlock(n: Narrative): Block {
  const said = `Narrative written by model ${n.model}. The numbers above come from the ledger; the narrative is not a source of numbers.`;
  const blocks: Block[] = n.ok
    ? [{ type: "para", text: said }, ...n.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((text): Block => ({ type: "para", text }))]
    : [{ type: "para", text: `A narrative was asked of model ${n.model}; none is included (${n.reason}). The digest is complete without it.` }];
  return { type: "aside", title: "Narrative", blocks };
}
