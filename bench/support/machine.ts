/** The machine the figures were measured on, for the write-up. */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  date: string;
  /** What `nproc` prints: the cores this process may use. */
  cores: number;
  cpu: string;
  node: string;
  os: string;
  memoryGiB: number;
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown (no /proc/cpuinfo)';
  }
}

export function describeMachine(): Machine {
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    cpu: cpuModel(),
    node: process.version,
    os: `${process.platform} ${release()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/**
 * The 1-minute load average, sampled through the run: the benchmark's own processes count in it
 * (about 1 to 2 on their own), and so does anything else the machine was doing meanwhile.
 */
export function sampleLoad(everyMs = 15_000): { stop(): { min: number; max: number } } {
  const samples = [loadavg()[0]!];
  const timer = setInterval(() => samples.push(loadavg()[0]!), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(loadavg()[0]!);
      return { min: Math.min(...samples), max: Math.max(...samples) };
    },
  };
}
