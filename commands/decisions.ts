/** @module decisions: approve, deny and cancel typed as text; the same path as the buttons. */
import { z } from 'zod';
import { requestId } from '../src/core/arg-types.js';
import type { ActionCommandSpec } from '../src/core/command-spec.js';

const idOnly = z.object({ id: requestId });
const withReason = z.object({ id: requestId, reason: z.string().max(500).optional() });

export const approve: ActionCommandSpec<z.infer<typeof idOnly>> = {
  name: 'approve',
  summary: 'Approve a pending request (not your own; needs the approver role).',
  patterns: [{ pattern: 'approve {id}' }],
  args: idOnly,
  risk: 'read',
  examples: ['approve 3'],
  action: 'approve',
  toAction: ({ id }) => ({ requestId: id }),
};

export const deny: ActionCommandSpec<z.infer<typeof withReason>> = {
  name: 'deny',
  summary: 'Deny a pending request, optionally saying why.',
  patterns: [{ pattern: 'deny {id}' }, { pattern: 'deny {id} {reason...}' }],
  args: withReason,
  risk: 'read',
  examples: ['deny 3', 'deny 3 not during business hours'],
  action: 'deny',
  toAction: ({ id, reason }) => ({ requestId: id, ...(reason ? { reason } : {}) }),
};

export const cancel: ActionCommandSpec<z.infer<typeof idOnly>> = {
  name: 'cancel',
  summary: 'Withdraw your pending request, or stop a running migration or drain.',
  patterns: [{ pattern: 'cancel {id}' }],
  args: idOnly,
  risk: 'read',
  examples: ['cancel 3'],
  action: 'cancel',
  toAction: ({ id }) => ({ requestId: id }),
};
