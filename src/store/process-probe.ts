/**
 * @module process-probe: is a process (by pid, on this host) still the one that wrote a lock?
 * A pid alone is not enough: after a crash the number can be handed to an unrelated process.
 * On Linux the kernel's start time of the pid (and the boot it belongs to) tells the two apart.
 */
import { readFileSync } from 'node:fs';

export interface ProcessProbe {
  /** False only when the pid certainly does not exist here. */
  alive(pid: number): boolean;
  /** A token that changes when the pid is reused or the host reboots; undefined where the system does not tell. */
  identity(pid: number): string | undefined;
}

export const systemProbe: ProcessProbe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it exists, under another user.
      return (error as NodeJS.ErrnoException).code !== 'ESRCH';
    }
  },
  identity(pid) {
    try {
      const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // proc(5): fields after the parenthesised command name; starttime is field 22, the 20th after it.
      const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      return startTicks ? `${boot}:${startTicks}` : undefined;
    } catch {
      return undefined;
    }
  },
};
