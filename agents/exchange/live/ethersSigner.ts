/**
 * Adapter that lets the Polymarket CLOB V2 client sign with an ethers v6 `Wallet`.
 *
 * `@polymarket/clob-client-v2` detects its signer by shape (dist/signing/signer.js):
 *   - `typeof signer._signTypedData === "function"`  -> ethers-v5 style, called as `_signTypedData(domain, types, value)`
 *   - `typeof signer.signTypedData === "function"`   -> viem WalletClient, called with ONE object
 * An ethers v6 Wallet has `signTypedData(domain, types, value)` and would be mistaken for viem,
 * so the adapter exposes only `_signTypedData` and `getAddress` and keeps the wallet private.
 *
 * The private key is supplied by the caller (who reads POLYMARKET_PRIVATE_KEY) and is never
 * logged, serialised or put into an error message.
 */
import { Wallet, type TypedDataDomain, type TypedDataField } from "ethers";
import { inspect } from "node:util";

export interface EthersV5StyleSigner {
  _signTypedData(domain: TypedDataDomain, types: Record<string, TypedDataField[]>, value: Record<string, unknown>): Promise<string>;
  getAddress(): Promise<string>;
}

const KEY_RE = /^(0x)?[0-9a-fA-F]{64}$/;

export class EthersV6Signer implements EthersV5StyleSigner {
  readonly #wallet: Wallet;
  /** Checksummed EOA address (public; safe to log). */
  readonly address: string;

  constructor(privateKey: string) {
    if (typeof privateKey !== "string" || !KEY_RE.test(privateKey.trim())) {
      // Never echo the value: it may be a (malformed) secret.
      throw new Error("invalid private key: expected 32 bytes of hex (value withheld)");
    }
    const hex = privateKey.trim();
    try {
      this.#wallet = new Wallet(hex.startsWith("0x") ? hex : `0x${hex}`);
    } catch {
      throw new Error("invalid private key: rejected by ethers (value withheld)");
    }
    this.address = this.#wallet.address;
  }

  async getAddress(): Promise<string> {
    return this.address;
  }

  async _signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    // ethers v6 derives the domain type itself and refuses an explicit EIP712Domain entry.
    const { EIP712Domain: _omit, ...rest } = types;
    return this.#wallet.signTypedData(domain, rest, value);
  }

  toJSON(): { address: string } {
    return { address: this.address };
  }

  [inspect.custom](): string {
    return `EthersV6Signer(${this.address})`;
  }
}

/** Build the adapter from a key the caller read from the environment. */
export function ethersSignerFromPrivateKey(privateKey: string): EthersV6Signer {
  return new EthersV6Signer(privateKey);
}
