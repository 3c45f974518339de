export { startInspector } from "./startInspector.ts";
export type { InspectorHandle } from "./startInspector.ts";
export { sanitize, secretValues } from "./sanitize.ts";
