import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AlertsConfig } from "../../protocols/index.ts";

const FLOOR_YAML = fileURLToPath(new URL("../../config/floor.yaml", import.meta.url));

describe("the alerts example in config/floor.yaml", () => {
  it("is commented out, and parses against the schema once uncommented", () => {
    const lines = readFileSync(FLOOR_YAML, "utf8").split("\n");
    const start = lines.indexOf(lines.find((l) => l.startsWith("# alerts:"))!);
    expect(start).toBeGreaterThan(0);
    const block = [];
    for (const l of lines.slice(start)) {
      if (!l.startsWith("#")) break;
      block.push(l.replace(/^# ?/, ""));
    }
    const parsed = AlertsConfig.parse((parse(block.join("\n")) as { alerts: unknown }).alerts);
    expect(parsed.webhooks.map((w) => [w.name, w.format, w.urlEnv])).toEqual([["ops", "slack", "POLYFLOOR_ALERT_SLACK_URL"], ["phone", "telegram", "POLYFLOOR_ALERT_TELEGRAM_URL"]]);
    expect(parsed).toMatchObject({ attempts: 5, backoffMs: 1_000, backoffMaxMs: 60_000, timeoutMs: 5_000, stopGraceMs: 2_000 });
  });
});
