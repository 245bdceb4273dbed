/**
 * @module arg-types: the shapes of names and ids people type, checked before anything
 * reaches a cluster. Rules follow what Windows allows (research: hyperv-cluster-ops.md §6).
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/** A Hyper-V VM name: 1 to 100 characters, spaces allowed, no control characters. */
export const vmName = z
  .string()
  .min(1, 'VM name is empty')
  .max(100, 'VM name is longer than 100 characters (Hyper-V allows 100)')
  .refine((s) => !CONTROL.test(s), 'VM name contains a control character');

/** A cluster node: a DNS host name or FQDN (letters, digits, hyphens, dots). */
export const nodeName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}(\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*$/, 'node name should be a host name (letters, digits, hyphens)');

/** A cluster shared volume name ("Volume1", "Cluster Disk 3"). */
export const volumeName = z
  .string()
  .min(1)
  .max(128)
  .refine((s) => !CONTROL.test(s), 'volume name contains a control character');

/** A request or job number; people type `7` or `#7`. */
export const requestId = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/^#/, '') : v),
  z.string().regex(/^\d{1,9}$/, 'request id should be a number like 7 or #7').transform(Number),
);
