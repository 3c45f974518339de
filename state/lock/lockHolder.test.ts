import { describe, expect, it } from "vitest";
import { currentHolder, redactCommand } from "./lockHolder.ts";

describe("the lock's record of its holder", () => {
  it("keeps no credential of a URL on the command line", () => {
    expect(redactCommand("floor start --bus nats://floor:s3cret@127.0.0.1:4222 --db f.db")).toBe("floor start --bus nats://***@127.0.0.1:4222 --db f.db");
    expect(redactCommand("floor start --bus=tls://tok3n@h:4222")).toBe("floor start --bus=tls://***@h:4222");
    expect(currentHolder("floor start --bus nats://a:b@h:1").command).not.toContain("a:b");
  });

  it("leaves a command without credentials as it is", () => {
    expect(redactCommand("floor start --bus nats://127.0.0.1:4222 --until 6h")).toBe("floor start --bus nats://127.0.0.1:4222 --until 6h");
  });
});
