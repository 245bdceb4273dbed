/**
 * @module cluster/remote/admin-schemas: zod schemas for what the volume, validation, VM power,
 * checkpoint and event scripts print (scripts/shapes.ts), tolerant of Windows PowerShell 5.1 and
 * normalised to the Cluster port's shapes.
 */
import { z } from 'zod';
import type { SharedVolume, VolumeRedirection } from '../cluster.js';
import { EventLevel } from './enum-tables.js';
import { nullable, psArray, psBoolean, psDate, psEnum, psNumber } from './ps-json.js';

const text = z.string();
/** An enum the scripts print as a name; a number (whose table no source gives) is kept as its digits. */
const enumText = z.union([z.string(), z.number()]).transform(String);

export const volumeAccessSchema = z.object({
  node: text,
  stateInfo: enumText,
  fileSystemReason: nullable(enumText),
  blockReason: nullable(enumText),
});

/** Rows that are not Direct, as the port's redirections (the reason for the kind of redirection). */
export function redirectionsOf(access: readonly z.output<typeof volumeAccessSchema>[]): SharedVolume['redirected'] {
  return access.flatMap((row): VolumeRedirection[] => {
    if (row.stateInfo === 'BlockRedirected') return [{ node: row.node, access: 'BlockRedirected', reason: row.blockReason ?? 'Unknown' }];
    if (row.stateInfo === 'FileSystemRedirected') return [{ node: row.node, access: 'FileSystemRedirected', reason: row.fileSystemReason ?? 'Unknown' }];
    return [];
  });
}

export const volumeMovedSchema = z.object({ volume: text, source: text, target: text, durationMs: psNumber });

const outcome = text.transform((value): 'warning' | 'failed' => (value.toLowerCase() === 'failed' ? 'failed' : 'warning'));

export const validationSchema = z.object({
  result: nullable(text),
  includedStorage: psBoolean,
  categories: psArray(z.object({ category: text, passed: psNumber, warnings: psNumber, failed: psNumber })),
  problems: psArray(z.object({ category: text, test: text, outcome, message: nullable(text).transform((m) => m ?? '') })),
  reportPath: nullable(text),
  durationMs: psNumber,
  checks: psArray(z.object({
    check: z.enum(['netbios-name', 'persistent-reservation']),
    subject: text,
    ok: nullable(psBoolean),
    message: text,
  })),
});

export const checkpointSchema = z.object({ vm: text, name: text, id: text, createdAt: psDate, parent: nullable(text) });

export const eventSchema = z.object({
  at: psDate,
  id: psNumber,
  level: psEnum(EventLevel, 'Information'),
  node: text,
  log: text,
  message: nullable(text).transform((m) => m ?? ''),
});
