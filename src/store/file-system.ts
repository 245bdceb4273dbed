/**
 * @module file-system: the few file operations the state file and the audit log write with,
 * as one injectable seam. Production uses Node's; a test hands in one that fails the way a
 * full disk, a permission or a dying disk does, without patching any module.
 */
import { mkdir, open, rename, truncate } from 'node:fs/promises';

export interface FileSystem {
  /** Creates or replaces `path` with `text`, flushed to the disk (fsync) before it resolves. */
  writeSynced(path: string, text: string): Promise<void>;
  /** Appends `text` to `path` (created if missing), flushed to the disk before it resolves. */
  appendSynced(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  truncate(path: string, length: number): Promise<void>;
  mkdirs(path: string): Promise<void>;
}

export const nodeFileSystem: FileSystem = {
  async writeSynced(path, text) {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async appendSynced(path, text) {
    const handle = await open(path, 'a');
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  truncate: (path, length) => truncate(path, length),
  mkdirs: async (path) => void (await mkdir(path, { recursive: true })),
};

/** What a failed write's code means, in words for the person who asked. */
export function describeWriteFailure(error: unknown): { errno: string; reason: string } {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  const reasons: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    EIO: 'the disk reported an I/O error',
  };
  return { errno, reason: reasons[errno] ?? 'the write failed' };
}

/** Flushes a folder's entries (a file just created or renamed in it); some file systems cannot, and need not. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a directory; the write itself is still flushed.
  }
}
