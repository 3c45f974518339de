import type { Block } from "./Block.ts";
import type { DigestDay, Health } from "./DigestDay.ts";
import { countText, factBlocks } from "./factBlocks.ts";

const PARTS: Array<[keyof Health, string]> = [
  ["restarts", "Restarts"],
  ["failures", "Failures (agents given up)"],
  ["feed", "Market-data reports (gaps, stale data, anomalies, reconnects)"],
  ["rejections", "Rejected as invalid (messages, commands)"],
  ["errors", "Errors"],
];

/** Restarts, failures, feed health, rejections and errors: counts, then each list that is not empty. */
export function healthBlocks(d: DigestDay): Block[] {
  const h = d.health;
  return [
    { type: "heading", level: 2, text: "System health" },
    { type: "list", items: PARTS.map(([k, label]) => `${label}: ${countText(h[k])}`) },
    ...PARTS.filter(([k]) => h[k].total > 0).flatMap(([k, label]): Block[] => [{ type: "heading", level: 3, text: label }, ...factBlocks(h[k], "")]),
  ];
}
