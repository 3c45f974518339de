export { startDashboard } from "./startDashboard.ts";
export type { Dashboard, DashboardWiring } from "./startDashboard.ts";
export { DashboardFeed } from "./DashboardFeed.ts";
export { CONTROL_HEADER } from "./controlGuard.ts";
