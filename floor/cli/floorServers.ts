import { DashboardSetting, ListenAddress } from "../../protocols/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { DashboardFeed, startDashboard, type Dashboard } from "../dashboard/index.ts";
import { listenPlan, type ListenPlan } from "../expose/index.ts";
import { secretValues, startInspector, type InspectorHandle } from "../inspect/index.ts";
import type { FloorHandles } from "../runner/index.ts";
import { UsageError } from "./UsageError.ts";

export interface ServerPlans {
  dashboard?: ListenPlan;
  inspector?: ListenPlan;
  /** The environment's secret values, kept out of what the inspector relays. */
  secrets?: string[];
}

const DASHBOARD_TOKEN = "POLYFLOOR_DASHBOARD_TOKEN";
const INSPECT_TOKEN = "POLYFLOOR_INSPECT_TOKEN";

/**
 * Where the dashboard and the inspector would listen, checked before anything starts: a value
 * that is not an address, or a non-loopback address without a token, is bad usage (exit 2).
 */
export function serverPlans(dashboardAt: string, inspect: boolean, env: NodeJS.ProcessEnv): ServerPlans {
  if (!DashboardSetting.safeParse(dashboardAt).success) throw new UsageError(`invalid --dashboard ${JSON.stringify(dashboardAt)}: HOST:PORT with a port of 1-65535 (0: any free port), or off`);
  const inspectAt = `${env.POLYFLOOR_INSPECT_HOST || "127.0.0.1"}:${env.POLYFLOOR_INSPECT_PORT || 8080}`;
  if (inspect && !ListenAddress.safeParse(inspectAt).success) throw new UsageError(`invalid inspector address ${JSON.stringify(inspectAt)} (POLYFLOOR_INSPECT_HOST, POLYFLOOR_INSPECT_PORT): HOST and a port of 1-65535`);
  try {
    return {
      ...(dashboardAt !== "off" ? { dashboard: listenPlan("dashboard", dashboardAt, env, DASHBOARD_TOKEN) } : {}),
      ...(inspect ? { inspector: listenPlan("inspector", inspectAt, env, INSPECT_TOKEN), secrets: secretValues(env) } : {}),
    };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const starting = () => {
  throw new Error("the floor is starting");
};

export interface FloorServers {
  dashboard?: Dashboard;
  inspector?: InspectorHandle;
  /** The dashboard's live feed: the floor's runner reports each agent's state change to its `transition`. */
  feed?: DashboardFeed;
  /** Serve the running floor (its status, Prometheus figures, ledger and supervisor); returns the lines that say where they are (never the token). */
  ready(status: () => unknown, metrics: () => Promise<string>, floor: FloorHandles): string[];
  close(): Promise<void>;
}

/**
 * Start what `plans` asks for, before the floor runs (the dashboard answers 503 until `ready`);
 * a bind that fails closes what started and rejects with one line (exit 1).
 */
export async function startServers(plans: ServerPlans, bus: Bus, digestsDir?: string): Promise<FloorServers> {
  let status: (() => unknown) | undefined;
  let metrics: (() => Promise<string>) | undefined;
  let handles: FloorHandles | undefined;
  const s: FloorServers = {
    ready(live, figures, floor) {
      status = live;
      metrics = figures;
      handles = floor;
      return [
        ...(s.inspector ? [`  inspector  ${s.inspector.url}${plans.inspector?.token ? ` (token from ${INSPECT_TOKEN})` : ""} (the Stately inspector; the viewing browser needs internet)`] : []),
        `  dashboard  ${s.dashboard ? `${s.dashboard.url}${plans.dashboard?.token ? ` (token from ${DASHBOARD_TOKEN}: open ?token=... once, or send Authorization: Bearer)` : ""}` : "off"}`,
      ];
    },
    close: async () => {
      s.feed?.stop();
      await s.dashboard?.close();
      s.inspector?.stop();
    },
  };
  try {
    if (plans.inspector) s.inspector = await startInspector(plans.inspector, plans.secrets);
    if (plans.dashboard) {
      // Subscribed before the floor starts, so the feed sees its agents born.
      s.feed = new DashboardFeed(bus);
      s.dashboard = await startDashboard(plans.dashboard, () => (status ?? starting)(), () => (metrics ? metrics() : Promise.reject(new Error("the floor is starting"))), {
        floor: () => handles ?? starting(), feed: s.feed, bus, ...(digestsDir !== undefined ? { digestsDir } : {}),
      });
    }
  } catch (e) {
    await s.close();
    throw e;
  }
  return s;
}
