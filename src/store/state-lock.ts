/**
 * @module state-lock: one process per state file. The lock (`<state file>.lock`) names its
 * holder: pid, host, start time, and the kernel's identity of that pid. It is created whole
 * and exclusively (written to a private file, then hard-linked into place: the link fails if
 * a lock exists, and a reader never sees half a lock). A lock whose holder is gone (killed,
 * or its pid now belongs to another process, or the host rebooted) is stale: it is removed
 * only under a takeover guard (`.lock.takeover`, also created exclusively) and only if it is
 * still the very lock that was judged stale, so two starters racing for it cannot both win.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { StateLockedError, type LockHolder } from './errors.js';
import { systemProbe, type ProcessProbe } from './process-probe.js';

export interface StateLockOptions {
  probe?: ProcessProbe;
  host?: string;
  pid?: number;
  now?: () => Date;
  /** How long to wait for another starter's takeover to finish (default 2 s). */
  takeoverWaitMs?: number;
}

export interface StateLock {
  readonly lockFile: string;
  /** The holder of the stale lock this one replaced, to be logged. */
  readonly replaced: LockHolder | undefined;
  /** Removes the lock if it is still ours. */
  release(): Promise<void>;
}

interface LockRecord extends LockHolder {
  identity?: string;
  token: string;
}

export async function acquireStateLock(stateFile: string, o: StateLockOptions = {}): Promise<StateLock> {
  const probe = o.probe ?? systemProbe;
  const host = o.host ?? hostname();
  const pid = o.pid ?? process.pid;
  const lockFile = `${resolve(stateFile)}.lock`;
  const mine: LockRecord = { pid, host, startedAt: (o.now ?? (() => new Date()))().toISOString(), identity: probe.identity(pid), token: randomUUID() };
  await mkdir(dirname(lockFile), { recursive: true });
  let replaced: LockHolder | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(lockFile, JSON.stringify(mine))) return handle(lockFile, mine.token, replaced);
    const held = await readLock(lockFile);
    if (held === undefined) continue; // released meanwhile: try again
    if (!held.record || !isStale(held.record, probe, host)) throw new StateLockedError(stateFile, lockFile, 'held', held.record && holderOf(held.record));
    if (await removeStale(lockFile, held.text, probe, host, o.takeoverWaitMs ?? 2000, stateFile)) replaced = holderOf(held.record);
  }
  const last = await readLock(lockFile);
  throw new StateLockedError(stateFile, lockFile, 'held', last?.record && holderOf(last.record));
}

function handle(lockFile: string, token: string, replaced: LockHolder | undefined): StateLock {
  return {
    lockFile,
    replaced,
    async release() {
      const held = await readLock(lockFile);
      if (held?.record?.token === token) await unlink(lockFile).catch(() => undefined);
    },
  };
}

/** Writes `text` to a private file, then links it into place: fails (false) if `target` exists. */
async function createExclusive(target: string, text: string): Promise<boolean> {
  const temp = `${target}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function readLock(file: string): Promise<{ text: string; record: LockRecord | undefined } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const record = JSON.parse(text) as LockRecord;
    return { text, record: typeof record.pid === 'number' && typeof record.host === 'string' ? record : undefined };
  } catch {
    return { text, record: undefined };
  }
}

/** Stale only when certain: the holder ran on this host and is gone, or its pid is now someone else's. */
function isStale(record: LockRecord, probe: ProcessProbe, host: string): boolean {
  if (record.host !== host) return false;
  if (!probe.alive(record.pid)) return true;
  const now = probe.identity(record.pid);
  return record.identity !== undefined && now !== undefined && now !== record.identity;
}

/**
 * Under the takeover guard, removes the lock if it is still exactly `staleText`. Returns true
 * if this call removed it; false if someone else changed it first (the caller looks again).
 */
async function removeStale(lockFile: string, staleText: string, probe: ProcessProbe, host: string, waitMs: number, stateFile: string): Promise<boolean> {
  const guard = `${lockFile}.takeover`;
  const record: LockRecord = { pid: process.pid, host, startedAt: new Date().toISOString(), identity: probe.identity(process.pid), token: randomUUID() };
  const deadline = Date.now() + waitMs;
  while (!(await createExclusive(guard, JSON.stringify(record)))) {
    const other = await readLock(guard);
    if (other?.record && isStale(other.record, probe, host)) throw new StateLockedError(stateFile, lockFile, 'takeover-interrupted', holderOf(other.record));
    if (Date.now() > deadline) throw new StateLockedError(stateFile, lockFile, 'takeover-interrupted', other?.record && holderOf(other.record));
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    const current = await readLock(lockFile);
    if (current?.text !== staleText) return false;
    await unlink(lockFile);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function holderOf(r: LockRecord): LockHolder {
  return { pid: r.pid, host: r.host, startedAt: r.startedAt };
}

