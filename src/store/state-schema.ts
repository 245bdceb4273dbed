/**
 * @module state-schema: what a state file must look like to be trusted. Checked on load, so
 * a hand-edited, truncated or foreign file stops the bot instead of being half-read.
 */
import { z } from 'zod';

const actor = z.object({ platform: z.string(), id: z.string(), name: z.string() });
const decision = z.object({ actor, at: z.number(), reason: z.string().optional(), grant: z.string().optional() });
const messageRef = z.object({ platform: z.string(), conversation: z.string(), messageId: z.string(), thread: z.string().optional() });

const request = z.looseObject({
  id: z.number().int().positive(),
  cluster: z.string(),
  command: z.string(),
  args: z.record(z.string(), z.unknown()),
  text: z.string(),
  risk: z.enum(['read', 'change', 'disruptive']),
  summary: z.string(),
  facts: z.array(z.looseObject({ label: z.string(), value: z.string() })),
  holds: z.array(z.string()),
  requester: actor,
  requesterGrant: z.string().optional(),
  where: z.looseObject({ platform: z.string(), conversation: z.string() }),
  cardRef: messageRef.optional(),
  state: z.enum(['pending', 'approved', 'running', 'succeeded', 'failed', 'cancelled', 'denied', 'expired']),
  requiredApprovals: z.number().int().min(1),
  approvals: z.array(decision),
  denial: decision.optional(),
  cancellation: decision.optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
  job: z
    .looseObject({ startedAt: z.number(), finishedAt: z.number().optional(), percent: z.number(), phase: z.string(), progressRef: messageRef.optional() })
    .optional(),
});

export const stateDocumentSchema = z
  .object({
    version: z.literal(1),
    nextRequestId: z.number().int().positive(),
    requests: z.array(request),
    deliveries: z.record(z.string(), z.number()).default({}),
    auditHead: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), count: z.number().int().nonnegative() }).optional(),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<number>();
    doc.requests.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['requests', i, 'id'], message: `request #${r.id} appears twice` });
      ids.add(r.id);
      if (r.id >= doc.nextRequestId) ctx.addIssue({ code: 'custom', path: ['requests', i, 'id'], message: `#${r.id} is not below nextRequestId ${doc.nextRequestId}` });
    });
  });
