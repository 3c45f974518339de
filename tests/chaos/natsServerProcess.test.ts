// The chaos run's private nats-server: a death the harness did not cause is recorded (the run
// reports it, and starts the server again from its store to read the stream), ours are not.
import { expect, it } from "vitest";
import { NatsServerProcess } from "../../floor/chaos/NatsServerProcess.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const until = async (ok: () => boolean, what: string) => {
  for (const end = Date.now() + 10_000; !ok(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
};

describeNatsServer("the chaos run's nats-server", () => {
  const tmp = tmpDir("chaos-nats");

  it("records an exit it did not cause, not its own kill and stop", async () => {
    const nats = await NatsServerProcess.start({ storeDir: tmp.path("nats"), logDir: tmp.dir });
    try {
      expect(nats.running).toBe(true);
      await nats.kill(); // a planned restart
      await nats.up();
      expect(nats.unplannedExits).toEqual([]);
      process.kill(nats.pid!, "SIGKILL"); // a crash
      await until(() => !nats.running, "the server to die");
      expect(nats.unplannedExits).toEqual([{ incarnation: 2, code: null, signal: "SIGKILL" }]);
      await nats.up();
      expect(nats.running).toBe(true);
    } finally {
      await nats.stop();
      tmp.remove();
    }
    expect(nats.unplannedExits).toHaveLength(1);
  }, 30_000);
});
