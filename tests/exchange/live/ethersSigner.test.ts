import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { Wallet, verifyTypedData } from "ethers";
import { createL1Headers } from "@polymarket/clob-client-v2";
import { EthersV6Signer, ethersSignerFromPrivateKey } from "../../../agents/exchange/live/ethersSigner.ts";

const domain = { name: "Polymarket CTF Exchange", version: "2", chainId: 137, verifyingContract: "0xE111180000d2663C0091e4f400237545B87B996B" };
const types = {
  Mail: [
    { name: "from", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "note", type: "string" },
  ],
};

describe("EthersV6Signer (ethers-v5 style adapter over an ethers v6 Wallet)", () => {
  it("signs typed data that ethers v6 verifyTypedData recovers to the wallet address", async () => {
    const w = Wallet.createRandom();
    const s = new EthersV6Signer(w.privateKey);
    expect(await s.getAddress()).toBe(w.address);
    const value = { from: w.address, amount: 123456789n, note: "hello" };
    const sig = await s._signTypedData(domain, types, value);
    expect(verifyTypedData(domain, types, value, sig)).toBe(w.address);
  });

  it("drops an explicit EIP712Domain entry (ethers v6 would refuse it)", async () => {
    const w = Wallet.createRandom();
    const s = ethersSignerFromPrivateKey(w.privateKey.slice(2)); // key without 0x is accepted too
    const withDomain = {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
      ...types,
    };
    const value = { from: w.address, amount: 1n, note: "x" };
    const sig = await s._signTypedData(domain, withDomain, value);
    expect(verifyTypedData(domain, types, value, sig)).toBe(w.address);
  });

  it("has the shape the CLOB client detects as ethers-v5 (no signTypedData without underscore)", async () => {
    const w = Wallet.createRandom();
    const s = new EthersV6Signer(w.privateKey) as unknown as Record<string, unknown>;
    expect(typeof s._signTypedData).toBe("function");
    expect(typeof s.getAddress).toBe("function");
    expect(s.signTypedData).toBeUndefined();
    // Through the client's own L1 header builder: signature recovers to our address.
    const h = await createL1Headers(s as never, 137, 0, 1_700_000_000);
    expect(h.POLY_ADDRESS).toBe(w.address);
    const rec = verifyTypedData(
      { name: "ClobAuthDomain", version: "1", chainId: 137 },
      { ClobAuth: [{ name: "address", type: "address" }, { name: "timestamp", type: "string" }, { name: "nonce", type: "uint256" }, { name: "message", type: "string" }] },
      { address: w.address, timestamp: "1700000000", nonce: 0, message: "This message attests that I control the given wallet" },
      h.POLY_SIGNATURE,
    );
    expect(rec).toBe(w.address);
  });

  it("never exposes the private key (JSON, inspect, errors)", () => {
    const w = Wallet.createRandom();
    const s = new EthersV6Signer(w.privateKey);
    const hex = w.privateKey.slice(2).toLowerCase();
    expect(JSON.stringify(s).toLowerCase()).not.toContain(hex);
    expect(inspect(s, { showHidden: true, depth: 5 }).toLowerCase()).not.toContain(hex);
    expect(String(s).toLowerCase()).not.toContain(hex);
    const bad = "0x" + "zz" + hex.slice(2);
    try {
      new EthersV6Signer(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain(hex.slice(2));
      expect((e as Error).message).toMatch(/withheld/);
    }
    // a well-formed but invalid scalar (zero) is rejected by ethers; our message hides it
    expect(() => new EthersV6Signer("0x" + "0".repeat(64))).toThrow(/withheld/);
  });
});
