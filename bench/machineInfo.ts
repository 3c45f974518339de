import { arch, cpus, platform, release, totalmem } from "node:os";

export interface MachineInfo {
  node: string;
  os: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  date: string;
}

/** Where the numbers were taken. */
export async function machineInfo(): Promise<MachineInfo> {
  const c = cpus();
  return {
    node: process.version,
    os: `${platform()} ${release()}`,
    arch: arch(),
    cpuModel: c[0]?.model.trim() ?? "unknown",
    cpuCount: c.length,
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    date: new Date().toISOString(),
  };
}
