import { describe, expect, it } from "vitest";
import { FORMATS } from "./index.ts";

describe("webhook formats", () => {
  it("slack: {text}, with &, < and > escaped as Slack asks (no <!channel> from an agent's reason)", () => {
    expect(FORMATS.slack.body("a <!channel> & b > c", undefined)).toEqual({ text: "a &lt;!channel&gt; &amp; b &gt; c" });
  });
  it("discord: {content} with no mentions parsed, at most 2000 characters", () => {
    expect(FORMATS.discord.body("@everyone look", undefined)).toEqual({ content: "@everyone look", allowed_mentions: { parse: [] } });
    expect(FORMATS.discord.maxChars).toBe(2_000);
  });
  it("telegram: {chat_id, text}, plain, the chat id as configured", () => {
    expect(FORMATS.telegram.body("hi <b>", -100123)).toEqual({ chat_id: -100123, text: "hi <b>" });
    expect(FORMATS.telegram.body("hi", "@ops_channel")).toEqual({ chat_id: "@ops_channel", text: "hi" });
    expect(FORMATS.telegram.maxChars).toBe(4_096);
  });
});
