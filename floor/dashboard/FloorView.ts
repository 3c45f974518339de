import type { Bus } from "../bus/Bus.ts";
import type { FloorHandles, LiveStatus } from "../runner/index.ts";
import type { DashboardFeed } from "./DashboardFeed.ts";

/** What the dashboard's routes read and act through; each throws while the floor starts or when not wired (a 503). */
export interface FloorView {
  status(): LiveStatus;
  metrics(): Promise<string>;
  floor(): FloorHandles;
  feed(): DashboardFeed;
  bus(): Bus;
  /** `digests.dir` as configured (a folder, or "off"); undefined when the dashboard was not told. */
  digestsDir(): string | undefined;
}
