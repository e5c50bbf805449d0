import { performance } from 'node:perf_hooks';

/** Wall-clock and CPU time (user + system, this process) of one synchronous call, in ms. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export function timeSync<T>(fn: () => T): { result: T; timing: Timing } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const result = fn();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { result, timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}
