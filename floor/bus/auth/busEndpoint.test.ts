import { describe, expect, it } from "vitest";
import { parseBusUrl } from "./busEndpoint.ts";

describe("parseBusUrl", () => {
  it("takes user and password, or a token, out of the URL and never shows them", () => {
    expect(parseBusUrl("nats://floor:s3cr%40t@127.0.0.1:4223", "--bus")).toEqual({ server: "127.0.0.1:4223", tls: false, display: "nats://floor@127.0.0.1:4223", user: "floor", pass: "s3cr@t" });
    expect(parseBusUrl("nats://tok3n@host", "--bus")).toEqual({ server: "host:4222", tls: false, display: "nats://[token]@host:4222", token: "tok3n" });
    expect(parseBusUrl("tls://nats.example.com:4443/", "NATS_URL")).toEqual({ server: "nats.example.com:4443", tls: true, display: "tls://nats.example.com:4443" });
  });

  it("rejects what is not a NATS URL, naming the source and hiding credentials", () => {
    expect(() => parseBusUrl("http://u:pw@x:4222", "--bus")).toThrow('invalid --bus value "http://[credentials]@x:4222"');
    expect(() => parseBusUrl("nats://x:70000", "NATS_URL")).toThrow(/NATS_URL/);
    expect(() => parseBusUrl("nats://u:%zz@x", "--bus")).toThrow(/password in the URL is not valid percent-encoding/);
  });
});
