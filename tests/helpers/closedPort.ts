import { createServer } from "node:net";

/** A local port nothing listens on (bound to a free port, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** config/floor.yaml's `live:` endpoints, every one pointed at 127.0.0.1:`port`, as a YAML section. */
export function closedLiveYaml(port: number, extra: string[] = []): string {
  const at = `127.0.0.1:${port}`;
  return ["live:", `  gammaUrl: http://${at}`, `  clobWsUrl: ws://${at}/ws/market`, `  clobRestUrl: http://${at}`, `  rtdsUrl: ws://${at}`, `  liveDataUrl: ws://${at}/ws`, `  clobUserWsUrl: ws://${at}/ws/user`, ...extra.map((l) => `  ${l}`), ""].join("\n");
}
