/** Display only: reasons name money in cents, shares in hundredths, ages in tenths of a second. */
export const usd = (m: number) => `$${(m / 1e6).toFixed(2)}`;
export const shares = (m: number) => (m / 1e6).toFixed(2);
export const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "never seen");
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
