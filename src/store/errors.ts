/**
 * @module store/errors: why the bot cannot use its state: another process holds it, or a
 * takeover was interrupted. Each carries what a person needs to decide what to do.
 */

/** Who holds a state file's lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When that process took the lock (ISO 8601). */
  startedAt: string;
}

export type StateLockProblem = 'held' | 'takeover-interrupted';

export class StateLockedError extends Error {
  override readonly name = 'StateLockedError';
  constructor(
    readonly file: string,
    readonly lockFile: string,
    readonly problem: StateLockProblem,
    readonly holder: LockHolder | undefined,
  ) {
    super(lockedMessage(file, lockFile, problem, holder));
  }
}

function lockedMessage(file: string, lockFile: string, problem: StateLockProblem, h: LockHolder | undefined): string {
  const who = h ? `pid ${h.pid} on host ${h.host}, started ${h.startedAt}` : 'an unknown process';
  if (problem === 'takeover-interrupted') {
    return `The state file ${file} is not started: a process (${who}) was taking over its stale lock and stopped half way (${lockFile}.takeover is left). Make sure no other hyperv-chatops runs on this state file, then remove ${lockFile}.takeover and start again.`;
  }
  return `The state file ${file} is in use by another hyperv-chatops process: ${who} (lock ${lockFile}). Only one process may own a state file. Stop that process first, or give this one its own state.file in the configuration. If that process is certainly gone (another host cannot be checked from here), remove ${lockFile} and start again.`;
}
