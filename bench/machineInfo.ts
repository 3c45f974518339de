import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";

export interface MachineInfo {
  node: string;
  os: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  date: string;
  /** 1-minute load average when the bench started: well above 0 means something else was using the CPUs. */
  loadAvg1mAtStart: number;
}

/** The 1-minute load average, rounded (0 on platforms without one). */
export function loadAvg1m(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
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
    loadAvg1mAtStart: loadAvg1m(),
  };
}
