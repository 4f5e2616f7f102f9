import { readFileSync } from 'node:fs';

/**
 * This process's own peak resident set, MiB. Not getrusage's maxRSS (process.resourceUsage()):
 * Linux carries the high-water mark over fork and exec, so a child spawned by a parent of 350 MiB
 * reports at least 350 MiB whatever it does. VmHWM belongs to the process's address space, new
 * at exec.
 */
export function ownPeakRssMiB(): number {
  if (process.platform === 'linux') {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  }
  return process.resourceUsage().maxRSS / 1024;
}
