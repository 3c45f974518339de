import { afterAll, afterEach, beforeAll } from "vitest";
import { NatsBus, type NatsBusOptions } from "../../floor/bus/index.ts";
import { waitFor } from "../bus/busContract.ts";
import { startAuthServer, type AuthServer } from "../helpers/natsAuth.ts";

export interface AuthServerBuses {
  /** A bus connected as one of the config's users, closed after the test. */
  as(user: string, opts?: Partial<NatsBusOptions>): Promise<NatsBus>;
  /** Once the bus hears its own heartbeat, its earlier subscriptions are live at the server. */
  settle(bus: NatsBus): Promise<void>;
}

/** Inside a describe: a private nats-server running config/nats/floor-auth.conf for its tests, and buses connected as its users. */
export function authServerBuses(): AuthServerBuses {
  let server: AuthServer;
  const open: NatsBus[] = [];
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  afterAll(() => server.stop());
  return {
    async as(user, opts = {}) {
      const bus = await NatsBus.connect({ url: server.urlAs(user), warn: () => undefined, ...opts });
      open.push(bus);
      return bus;
    },
    async settle(bus) {
      let heard = false;
      const sub = bus.subscribe("hb.barrier", () => void (heard = true));
      bus.publish("hb.barrier", "{}");
      await waitFor(() => heard, 5000, "the barrier heartbeat");
      sub.unsubscribe();
    },
  };
}
