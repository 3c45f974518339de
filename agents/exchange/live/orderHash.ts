/**
 * The V2 exchange order's EIP-712 hash, which the venue uses as the order id.
 * Domain and struct copied from @polymarket/clob-client-v2 dist/order-utils
 * (ctfExchangeV2TypedData.js, exchangeOrderBuilderV2.js). Knowing the id before posting lets
 * the executor reconcile an order whose POST timed out, and re-posting the same signed
 * order (same salt) can never create a second one.
 */
import { TypedDataEncoder } from "ethers";
import { getContractConfig } from "@polymarket/clob-client-v2";

export const EXCHANGE_V2_DOMAIN_NAME = "Polymarket CTF Exchange";
export const EXCHANGE_V2_DOMAIN_VERSION = "2";
export const ORDER_V2_TYPES = {
  Order: [
    { name: "salt", type: "uint256" },
    { name: "maker", type: "address" },
    { name: "signer", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "makerAmount", type: "uint256" },
    { name: "takerAmount", type: "uint256" },
    { name: "side", type: "uint8" },
    { name: "signatureType", type: "uint8" },
    { name: "timestamp", type: "uint256" },
    { name: "metadata", type: "bytes32" },
    { name: "builder", type: "bytes32" },
  ],
};

export interface SignedOrderV2Like {
  salt: string | number;
  maker: string;
  signer: string;
  tokenId: string;
  makerAmount: string;
  takerAmount: string;
  side: string | number;
  signatureType: number;
  timestamp: string;
  metadata: string;
  builder: string;
}

export function exchangeV2Domain(chainId: number, negRisk: boolean) {
  const cfg = getContractConfig(chainId);
  return {
    name: EXCHANGE_V2_DOMAIN_NAME,
    version: EXCHANGE_V2_DOMAIN_VERSION,
    chainId,
    verifyingContract: negRisk ? cfg.negRiskExchangeV2 : cfg.exchangeV2,
  };
}

export function orderV2Message(o: SignedOrderV2Like) {
  return {
    salt: BigInt(o.salt),
    maker: o.maker,
    signer: o.signer,
    tokenId: BigInt(o.tokenId),
    makerAmount: BigInt(o.makerAmount),
    takerAmount: BigInt(o.takerAmount),
    side: o.side === "BUY" || o.side === 0 ? 0 : 1,
    signatureType: o.signatureType,
    timestamp: BigInt(o.timestamp),
    metadata: o.metadata,
    builder: o.builder,
  };
}

export function orderV2Hash(o: SignedOrderV2Like, chainId: number, negRisk: boolean): string {
  return TypedDataEncoder.hash(exchangeV2Domain(chainId, negRisk), ORDER_V2_TYPES, orderV2Message(o));
}
