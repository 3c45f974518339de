export { startDashboard } from "./startDashboard.ts";
export type { Dashboard } from "./startDashboard.ts";
