export { startInspector } from "./startInspector.ts";
export type { InspectorHandle } from "./startInspector.ts";
