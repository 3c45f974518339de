// The dashboard's API, same origin: the token's cookie (set by the first visit to /?token=) rides along.

export async function getJson(path) {
  const r = await fetch(path, { cache: "no-store" });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${path}: HTTP ${r.status}`);
  return body;
}

/** A control: a POST with the control header (the server refuses one without it) and the reason. */
export async function control(path, reason) {
  const r = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Polyfloor-Control": "1" },
    body: JSON.stringify(reason ? { reason } : {}),
  });
  return { status: r.status, body: await r.json().catch(() => ({})) };
}

/** Run `fn` at most once per `everyMs` however often it is asked for, at least `delayMs` after the first ask. */
export function throttled(fn, everyMs, delayMs = 250) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(delayMs, last + everyMs - Date.now());
    timer = setTimeout(async () => {
      last = Date.now();
      try {
        await fn();
      } finally {
        timer = null;
      }
    }, wait);
  };
}
