/**
 * @module failing-file-system: Node's file system behind the store's FileSystem seam, made to
 * fail the way a full disk, a permission or a dying disk does: appends that write part of their
 * text and then report the error, and cut-backs that fail too. No module is patched.
 */
import { appendFile } from 'node:fs/promises';
import { nodeFileSystem, type FileSystem } from '../../src/store/file-system.js';

export type WriteErrno = 'ENOSPC' | 'EACCES' | 'EIO' | 'EDQUOT' | 'EROFS';

export interface FailingFileSystem extends FileSystem {
  /**
   * From now on writes fail with `errno`: an append writes half its text first, a whole-file
   * write (the state file) fails outright; `alsoTruncate`: cutting a file back fails too. `after`: appends that still succeed before that.
   */
  failWrites(errno: WriteErrno, o?: { after?: number; alsoTruncate?: boolean }): void;
  /** Writes work again. */
  heal(): void;
  /** Calls made, by operation: the test sees that appends went through the synced path. */
  readonly calls: Record<keyof FileSystem, number>;
}

export function systemError(errno: WriteErrno, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${errno}: simulated failure, write '${path}'`);
  error.code = errno;
  error.path = path;
  return error;
}

export function createFailingFileSystem(): FailingFileSystem {
  let failing: { errno: WriteErrno; after: number; alsoTruncate: boolean } | undefined;
  const calls: Record<keyof FileSystem, number> = { writeSynced: 0, appendSynced: 0, rename: 0, truncate: 0, mkdirs: 0 };
  return {
    calls,
    failWrites(errno, o = {}) {
      failing = { errno, after: o.after ?? 0, alsoTruncate: o.alsoTruncate ?? false };
    },
    heal() {
      failing = undefined;
    },
    async writeSynced(path, text) {
      calls.writeSynced++;
      if (failing && failing.after === 0) throw systemError(failing.errno, path);
      return nodeFileSystem.writeSynced(path, text);
    },
    async appendSynced(path, text) {
      calls.appendSynced++;
      if (failing && failing.after > 0) failing.after--;
      else if (failing) {
        await appendFile(path, text.slice(0, Math.ceil(text.length / 2)));
        throw systemError(failing.errno, path);
      }
      return nodeFileSystem.appendSynced(path, text);
    },
    rename: (from, to) => {
      calls.rename++;
      return nodeFileSystem.rename(from, to);
    },
    async truncate(path, length) {
      calls.truncate++;
      if (failing?.alsoTruncate && failing.after === 0) throw systemError(failing.errno, path);
      return nodeFileSystem.truncate(path, length);
    },
    mkdirs: (path) => {
      calls.mkdirs++;
      return nodeFileSystem.mkdirs(path);
    },
  };
}
