/**
 * @module durable-json-file: the lowdb adapter for the state file. Reads validate the whole
 * document and refuse a corrupt or foreign file without touching it; writes go to a temporary
 * file, are flushed to disk, then renamed over the old one, so a crash at any point leaves
 * the last good state. The first good read is copied to a timestamped backup.
 */
import { copyFile, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { nodeFileSystem, syncDirectory, type FileSystem } from './file-system.js';

export type StateFileProblem = 'unreadable' | 'not-json' | 'invalid';

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly file: string,
    readonly problem: StateFileProblem,
    readonly details: readonly string[],
  ) {
    super(`The state file ${file} cannot be used (${problem}): ${details.join('; ')}. It was left as it is; restore a backup (${basename(file)}.*.bak beside it) or move it away to start empty.`);
  }
}

export interface DurableJsonFileOptions<T> {
  schema: z.ZodType<T>;
  /** Backups of the last good state to keep (default 5). */
  keepBackups?: number;
  now?: () => Date;
  /** Where writes go (default: Node's file system). */
  fs?: FileSystem;
}

export function createDurableJsonFile<T>(file: string, o: DurableJsonFileOptions<T>): Adapter<T> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  let backedUp = false;
  const fs = o.fs ?? nodeFileSystem;
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return null;
        throw new StateFileError(file, 'unreadable', [code ?? String(error)]);
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw new StateFileError(file, 'not-json', [text.length === 0 ? 'the file is empty' : (error as Error).message]);
      }
      const parsed = o.schema.safeParse(raw);
      if (!parsed.success) {
        throw new StateFileError(file, 'invalid', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`));
      }
      if (!backedUp) {
        await backup(file, o.keepBackups ?? 5, (o.now ?? (() => new Date()))());
        backedUp = true;
      }
      return parsed.data;
    },
    async write(data) {
      await fs.mkdirs(dirname(file));
      await fs.writeSynced(temp, JSON.stringify(data));
      await fs.rename(temp, file);
      await syncDirectory(dirname(file));
    },
  };
}

async function backup(file: string, keep: number, now: Date): Promise<void> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  await copyFile(file, `${file}.${stamp}.bak`);
  const prefix = `${basename(file)}.`;
  const backups = (await readdir(dirname(file))).filter((n) => n.startsWith(prefix) && n.endsWith('.bak')).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) await unlink(join(dirname(file), old));
}
