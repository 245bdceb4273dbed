/**
 * @module request-cards: how a request looks in chat at each state: the approval card
 * with its buttons, the same card once decided, progress, and the completion notice.
 */
import type { Block, Button, ChatMessage } from './chat.js';
import { clockTime, duration } from './format.js';
import { message } from './messages.js';
import type { OperationRequest } from './requests.js';
import { assertNever } from './assert-never.js';

export function requestCard(r: OperationRequest, now: number): ChatMessage {
  const blocks: Block[] = [
    { type: 'header', text: `#${r.id} ${r.summary}` },
    { type: 'context', text: `Requested by @${r.requester.name} on ${r.cluster}: \`${r.text}\`` },
    { type: 'fields', fields: r.facts },
    ...(r.details ?? []),
  ];
  blocks.push({ type: 'context', text: stateLine(r, now) });
  if (r.state === 'pending') blocks.push({ type: 'buttons', buttons: buttonsFor(r) });
  return message(blocks);
}

function buttonsFor(r: OperationRequest): Button[] {
  const confirm =
    r.risk === 'disruptive'
      ? { title: `Approve #${r.id}?`, text: `${r.summary}. This is disruptive.`, confirm: 'Approve', deny: 'Back' }
      : undefined;
  return [
    { action: 'approve', label: 'Approve', style: 'primary', requestId: r.id, ...(confirm ? { confirm } : {}) },
    { action: 'deny', label: 'Deny', style: 'danger', requestId: r.id },
  ];
}

function stateLine(r: OperationRequest, now: number): string {
  const approvers = r.approvals.map((a) => `@${a.actor.name}`).join(', ');
  switch (r.state) {
    case 'pending': {
      const got = r.approvals.length ? ` (approved by ${approvers}, ${r.approvals.length} of ${r.requiredApprovals})` : '';
      const minutes = Math.max(0, Math.ceil((r.expiresAt - now) / 60000));
      const needs = r.requiredApprovals === 1 ? 'one approval' : `${r.requiredApprovals} approvals`;
      return `⏳ Needs ${needs} from someone other than @${r.requester.name}${got} · expires in ${minutes} min (${clockTime(r.expiresAt)}) · \`approve ${r.id}\` / \`deny ${r.id}\``;
    }
    case 'approved':
      return `✅ Approved by ${approvers} · starting`;
    case 'running':
      return `▶️ Approved by ${approvers} · running, progress in the thread`;
    case 'succeeded':
      return `✅ Approved by ${approvers} · done${r.job?.finishedAt ? ` at ${clockTime(r.job.finishedAt)}` : ''}`;
    case 'failed':
      return `❌ Approved by ${approvers} · failed${r.job?.summary ? `: ${r.job.summary}` : ''}`;
    case 'denied':
      return `🚫 Denied by @${r.denial?.actor.name ?? '?'} at ${clockTime(r.denial?.at ?? now)}${r.denial?.reason ? `: ${r.denial.reason}` : ''}`;
    case 'cancelled':
      return `⏹ Cancelled by @${r.cancellation?.actor.name ?? '?'} at ${clockTime(r.cancellation?.at ?? now)}`;
    case 'expired':
      return `⌛ Expired at ${clockTime(r.expiresAt)} without ${r.requiredApprovals === 1 ? 'an approval' : 'enough approvals'}`;
    default:
      return assertNever(r.state);
  }
}

export function progressCard(r: OperationRequest, percent: number, phase: string, board: readonly Block[] = []): ChatMessage {
  return message([
    { type: 'context', text: `#${r.id} ${r.summary}` },
    { type: 'progress', percent, phase },
    ...board,
  ]);
}

export function completionNotice(r: OperationRequest, ok: boolean, summary: string, elapsedMs: number): ChatMessage {
  const mark = r.state === 'cancelled' ? '⏹' : ok ? '✅' : '❌';
  const approvers = r.approvals.map((a) => a.actor);
  return message([
    { type: 'section', text: `${mark} #${r.id} ${summary} · took ${duration(elapsedMs)}` },
    { type: 'mentions', prefix: 'Requested by', actors: [r.requester], ...(approvers.length ? { then: [{ prefix: 'approved by', actors: approvers }] } : {}) },
  ]);
}
