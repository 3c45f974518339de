/** The daily digest: every number of a UTC day of floor time from the database, as Markdown and self-contained HTML. */
export { digestData, isEmptyDay } from "./digestData.ts";
export type { DigestDay, AgentDay, FloorDay, FactList, FactRow } from "./DigestDay.ts";
export { renderMarkdown } from "./renderMarkdown.ts";
export { renderHtml } from "./renderHtml.ts";
export { writeDigest, digestPaths } from "./writeDigest.ts";
export { narrateDigest, narratorOptions, narrativeFacts, type NarratorOptions } from "./narrateDigest.ts";
export type { Narrative } from "./Narrative.ts";
export { svgLineChart, type ChartPoint, type LineChartOptions } from "./svgLineChart.ts";
export { dayOf, parseDay, dayBefore, type UtcDay } from "./utcDate.ts";
export { pnlSeed } from "./floorDay.ts";
export { skillSeed } from "./agentDay.ts";
export { usd, usdOf } from "./formatFigures.ts";
