import { describe, expect, it } from "vitest";
import { parseBusUrl } from "./busEndpoint.ts";

describe("parseBusUrl", () => {
  it("takes user and password, or a token, out of the URL and never shows them", () => {
    expect(parseBusUrl("nats://floor:s3cr%40t@127.0.0.1:4223", "--bus")).toEqual({ servers: ["127.0.0.1:4223"], tls: false, display: "nats://floor@127.0.0.1:4223", user: "floor", pass: "s3cr@t" });
    expect(parseBusUrl("nats://tok3n@host", "--bus")).toEqual({ servers: ["host:4222"], tls: false, display: "nats://[token]@host:4222", token: "tok3n" });
    expect(parseBusUrl("tls://nats.example.com:4443/", "NATS_URL")).toEqual({ servers: ["nats.example.com:4443"], tls: true, display: "tls://nats.example.com:4443" });
  });

  it("takes a cluster's servers, comma-separated, with one set of credentials given on any of them", () => {
    expect(parseBusUrl("nats://127.0.0.1:4222,nats://floor:pw@127.0.0.1:4223,nats://h3", "--bus")).toEqual({
      servers: ["127.0.0.1:4222", "127.0.0.1:4223", "h3:4222"],
      tls: false,
      display: "nats://127.0.0.1:4222,nats://floor@127.0.0.1:4223,nats://h3:4222",
      user: "floor",
      pass: "pw",
    });
    expect(parseBusUrl("nats://floor:pw@a:1,nats://floor:pw@b:2", "--bus")).toMatchObject({ servers: ["a:1", "b:2"], user: "floor", pass: "pw" });
  });

  it("refuses a cluster list that mixes schemes or credentials, or has an empty entry", () => {
    expect(() => parseBusUrl("nats://a:1,tls://b:2", "--bus")).toThrow(/mix nats:\/\/ and tls:\/\//);
    expect(() => parseBusUrl("nats://u:pwAAA@a:1,nats://u:pwBBB@b:2", "--bus")).toThrow(/different credentials/);
    expect(() => parseBusUrl("nats://u:pwAAA@a:1,nats://u:pwBBB@b:2", "--bus")).not.toThrow(/pwAAA|pwBBB/);
    expect(() => parseBusUrl("nats://a:1,", "NATS_URL")).toThrow(/invalid NATS_URL value "nats:\/\/a:1,"/);
    expect(() => parseBusUrl("nats://a:1,nats://u:secret@b:x", "--bus")).toThrow('"nats://a:1,nats://[credentials]@b:x"');
  });

  it("rejects what is not a NATS URL, naming the source and hiding credentials", () => {
    expect(() => parseBusUrl("http://u:pw@x:4222", "--bus")).toThrow('invalid --bus value "http://[credentials]@x:4222"');
    expect(() => parseBusUrl("nats://x:70000", "NATS_URL")).toThrow(/NATS_URL/);
    expect(() => parseBusUrl("nats://u:%zz@x", "--bus")).toThrow(/password in the URL is not valid percent-encoding/);
  });
});
