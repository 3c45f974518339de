import { fetchJson, HttpError, type FetchJsonOptions } from "../../../floor/adapters/polymarket/index.ts";
import { parseGammaEvent, type GammaWindow } from "./parseGammaEvent.ts";
import { currentAndNext, windowSlug } from "./windowSlug.ts";

export { windowSlug, currentAndNext } from "./windowSlug.ts";
export type { GammaWindow } from "./parseGammaEvent.ts";

export const GAMMA_URL = "https://gamma-api.polymarket.com";

/** Discovery failed: the window does not exist (yet), Gamma refused, or its answer made no sense. */
export class GammaError extends Error {
  constructor(readonly slug: string, readonly status: number | undefined, message: string) {
    super(message);
    this.name = "GammaError";
  }
}

/**
 * The Up/Down window of `asset` (`btc`) and length `minutes` that contains `startMs`, from
 * `GET <baseUrl>/events/slug/<slug>`. 5xx and 429 are retried with backoff (honouring
 * `Retry-After`); a 404 or an unusable body throws a GammaError naming the slug.
 */
export async function discoverWindow(baseUrl: string, asset: string, minutes: number, startMs: number, opts: FetchJsonOptions = {}): Promise<GammaWindow> {
  const slug = windowSlug(asset, minutes, startMs);
  const url = `${baseUrl.replace(/\/+$/, "")}/events/slug/${slug}`;
  let body: unknown;
  try {
    body = await fetchJson(url, opts);
  } catch (err) {
    const e = err as HttpError;
    const what = e.status === 404 ? `window ${slug} not found on Gamma (HTTP 404)` : `Gamma discovery of ${slug} failed: ${e.message}`;
    throw new GammaError(slug, e instanceof HttpError ? e.status : undefined, what);
  }
  const r = parseGammaEvent(body, slug);
  if (!r.ok) throw new GammaError(slug, 200, `Gamma answer for ${slug} is unusable: ${r.error}`);
  if (r.value.slug !== slug) throw new GammaError(slug, 200, `Gamma answered ${r.value.slug} for ${slug}`);
  return r.value;
}

/** The windows containing `nowMs` and the one after it; each is a window or the error that stopped it. */
export async function discoverCurrentAndNext(baseUrl: string, asset: string, minutes: number, nowMs: number, opts: FetchJsonOptions = {}): Promise<Array<GammaWindow | GammaError>> {
  const starts = currentAndNext(minutes, nowMs);
  return Promise.all(
    starts.map((s) =>
      discoverWindow(baseUrl, asset, minutes, s, opts).catch((err: unknown) =>
        err instanceof GammaError ? err : new GammaError(windowSlug(asset, minutes, s), undefined, String(err)),
      ),
    ),
  );
}
