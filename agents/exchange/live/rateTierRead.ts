/**
 * GET /v1/user/rate-limit-tier (docs.polymarket.com/api-reference/account/get-rate-limit-tier): the
 * rate tier of the signer behind the API key. clob-client-v2@1.1.0 has no method for it and keeps
 * its http helper private, so this signs the request with the client's own `createL2Headers` and
 * sends it on the global axios the client uses: this executor's hooks (timeout, Retry-After, rate
 * headers) apply to it as to the client's calls.
 */
import axios from "axios";
import { ApiError, createL2Headers, type ApiKeyCreds } from "@polymarket/clob-client-v2";
import type { EthersV5StyleSigner } from "./ethersSigner.ts";

export const RATE_LIMIT_TIER_PATH = "/v1/user/rate-limit-tier";

/** The response body; an HTTP or transport failure throws an ApiError, as the client's calls do, so classifyError reads both alike. */
export async function getRateLimitTier(host: string, signer: EthersV5StyleSigner, creds: ApiKeyCreds): Promise<unknown> {
  const headers = await createL2Headers(signer as never, creds, { method: "GET", requestPath: RATE_LIMIT_TIER_PATH });
  try {
    return (await axios.get(`${host}${RATE_LIMIT_TIER_PATH}`, { headers })).data;
  } catch (e) {
    if (!axios.isAxiosError(e)) throw e;
    const data: unknown = e.response?.data;
    const said = data && typeof data === "object" && "error" in data ? (data as { error: unknown }).error : data;
    throw new ApiError(typeof said === "string" && said ? said : e.message, e.response?.status, data);
  }
}

/**
 * The tier name in the body. The venue's page shows no response example (read 2026-12): the
 * shape `{"tier": "<name>"}` is assumed, and a bare JSON string is taken too. Verify against the
 * live venue; a body of another shape reads as an unknown tier, which keeps the last one known.
 */
export function tierText(body: unknown): unknown {
  if (typeof body === "string") return body;
  return body && typeof body === "object" && "tier" in body ? (body as { tier: unknown }).tier : undefined;
}
