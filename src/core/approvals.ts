/**
 * @module approvals: the request state machine. A request is stored before its card is
 * posted and always found by id. Every decision is a compare-and-set on the stored state,
 * so a second click, a retried delivery or two people racing decide nothing twice.
 */
import type { Clock } from '../cluster/clock.js';
import { describeGrant, roleAtLeast, type Access } from './access.js';
import type { AuditLog } from './audit.js';
import type { Actor, ChatAction, Where } from './chat.js';
import { ApprovalRefusedError, NotFoundError } from './errors.js';
import { clockTime } from './format.js';
import type { Messenger } from './messenger.js';
import { noMetrics, type Metrics } from './metrics.js';
import { requestCard } from './request-cards.js';
import type { Decision, OperationRequest } from './requests.js';
import type { Store } from './store.js';

export interface ApprovalsOptions {
  store: Store;
  audit: AuditLog;
  access: Access;
  messenger: Messenger;
  clock: Clock;
  onApproved(request: OperationRequest): void;
  onCancelRunning(request: OperationRequest): boolean;
  metrics?: Metrics;
}

export interface Approvals {
  /** `where`: the conversation the decision came from, for rules that bind a command to conversations. */
  decide(action: ChatAction, id: number, actor: Actor, reason?: string, where?: Where): Promise<OperationRequest>;
  /** Marks pending requests past their expiry as expired and updates their cards. */
  expireDue(): Promise<number>;
}

export function createApprovals(o: ApprovalsOptions): Approvals {
  const samePerson = (a: Actor, b: Actor) => {
    if (a.platform === b.platform && a.id === b.id) return true;
    const ua = o.access.userOf(a);
    return ua !== undefined && ua === o.access.userOf(b);
  };
  const audit = (event: 'approved' | 'denied' | 'cancelled' | 'expired', r: OperationRequest, actor?: Actor, detail?: string, grant?: string) => {
    (o.metrics ?? noMetrics).approval(event);
    return o.audit.append({
      at: new Date(o.clock.now()).toISOString(), event, requestId: r.id, cluster: r.cluster, command: r.command, actor, detail, ...(grant ? { grant } : {}),
    });
  };
  /** The approver's grant, or an ApprovalRefusedError: the role first, then any rule on `approve`/`deny`. */
  const approverGrant = (r: OperationRequest, actor: Actor, verb: 'approve' | 'deny', where?: Where) => {
    if (!roleAtLeast(o.access.roleOf(actor, r.cluster), 'approver')) {
      const gerund = verb === 'approve' ? 'Approving' : 'Denying';
      throw new ApprovalRefusedError('not-approver', `${gerund} #${r.id} needs the approver role on ${r.cluster}; ${actor.name} does not have it.`);
    }
    try {
      return describeGrant(o.access.require(actor, r.cluster, 'approver', { command: verb, risk: r.risk, where }));
    } catch (error) {
      throw new ApprovalRefusedError('not-approver', error instanceof Error ? error.message : String(error));
    }
  };
  const refresh = async (r: OperationRequest) => {
    if (r.cardRef) await o.messenger.update(r.cardRef, requestCard(r, o.clock.now()));
  };

  const load = async (id: number) => {
    const r = await o.store.get(id);
    if (!r) throw new NotFoundError('request', `#${id}`, undefined);
    return r;
  };

  const expire = async (r: OperationRequest) => {
    const expired = await o.store.transition(r.id, ['pending'], (x) => ({ ...x, state: 'expired' }));
    if (expired) {
      await audit('expired', expired);
      await refresh(expired);
    }
    return expired;
  };

  const refuseUnlessPending = async (r: OperationRequest) => {
    if (r.state === 'pending' && o.clock.now() >= r.expiresAt) await expire(r);
    const current = await load(r.id);
    if (current.state !== 'pending') throw new ApprovalRefusedError('already-decided', alreadyDecided(current));
    return current;
  };

  const approve = async (r: OperationRequest, actor: Actor, where?: Where) => {
    if (samePerson(actor, r.requester)) {
      throw new ApprovalRefusedError('self-approval', `You asked for #${r.id}; someone else has to approve it.`);
    }
    const grant = approverGrant(r, actor, 'approve', where);
    const decision: Decision = { actor, at: o.clock.now(), grant };
    let duplicate = false;
    const next = await o.store.transition(r.id, ['pending'], (x) => {
      if (x.approvals.some((a) => samePerson(a.actor, actor))) {
        duplicate = true;
        return x;
      }
      const approvals = [...x.approvals, decision];
      return { ...x, approvals, state: approvals.length >= x.requiredApprovals ? 'approved' : 'pending' };
    });
    if (duplicate) throw new ApprovalRefusedError('already-approved-by-you', `You already approved #${r.id}; it needs another approver.`);
    if (!next) throw new ApprovalRefusedError('already-decided', alreadyDecided(await load(r.id)));
    await audit('approved', next, actor, `${next.approvals.length} of ${next.requiredApprovals}`, grant);
    // An approved request's card is redrawn by the job as it starts: one update, not two.
    if (next.state === 'approved') o.onApproved(next);
    else await refresh(next);
    return next;
  };

  const deny = async (r: OperationRequest, actor: Actor, reason?: string, where?: Where) => {
    if (samePerson(actor, r.requester)) {
      throw new ApprovalRefusedError('not-cancellable', `To withdraw your own request, use \`cancel ${r.id}\`.`);
    }
    const grant = approverGrant(r, actor, 'deny', where);
    const denial: Decision = { actor, at: o.clock.now(), grant, ...(reason ? { reason } : {}) };
    const next = await o.store.transition(r.id, ['pending'], (x) => ({ ...x, state: 'denied', denial }));
    if (!next) throw new ApprovalRefusedError('already-decided', alreadyDecided(await load(r.id)));
    await audit('denied', next, actor, reason, grant);
    await refresh(next);
    return next;
  };

  const cancel = async (r: OperationRequest, actor: Actor) => {
    const role = o.access.roleOf(actor, r.cluster);
    const mayCancel = samePerson(actor, r.requester) || role === 'admin' || (r.state === 'running' && roleAtLeast(role, 'approver'));
    if (!mayCancel) {
      throw new ApprovalRefusedError('not-requester', `Only the requester (${r.requester.name}) or an admin can cancel #${r.id}.`);
    }
    if (r.state === 'running' || r.state === 'approved') {
      if (!o.onCancelRunning(r)) throw new ApprovalRefusedError('not-cancellable', `#${r.id} is ${r.state} and can no longer be cancelled.`);
      await o.store.update(r.id, (x) => ({ ...x, cancellation: { actor, at: o.clock.now() } }));
      await audit('cancelled', r, actor, 'cancel requested while running');
      return (await o.store.get(r.id)) ?? r;
    }
    const current = await refuseUnlessPending(r);
    const next = await o.store.transition(current.id, ['pending'], (x) => ({ ...x, state: 'cancelled', cancellation: { actor, at: o.clock.now() } }));
    if (!next) throw new ApprovalRefusedError('already-decided', alreadyDecided(await load(r.id)));
    await audit('cancelled', next, actor);
    await refresh(next);
    return next;
  };

  return {
    async decide(action, id, actor, reason, where) {
      const r = await load(id);
      switch (action) {
        case 'approve':
          return approve(await refuseUnlessPending(r), actor, where);
        case 'deny':
          return deny(await refuseUnlessPending(r), actor, reason, where);
        case 'cancel':
          return cancel(r, actor);
      }
    },
    async expireDue() {
      const now = o.clock.now();
      const due = (await o.store.list()).filter((r) => r.state === 'pending' && now >= r.expiresAt);
      let count = 0;
      for (const r of due) if (await expire(r)) count++;
      return count;
    },
  };
}

export function alreadyDecided(r: OperationRequest): string {
  const by = (d: Decision | undefined) => (d ? ` by ${d.actor.name} at ${clockTime(d.at)}` : '');
  switch (r.state) {
    case 'denied':
      return `#${r.id} was already denied${by(r.denial)}.`;
    case 'cancelled':
      return `#${r.id} was already cancelled${by(r.cancellation)}.`;
    case 'expired':
      return `#${r.id} expired at ${clockTime(r.expiresAt)}; ask again if it is still needed.`;
    case 'pending':
      return `#${r.id} is still waiting for approval.`;
    default:
      return `#${r.id} was already approved by ${r.approvals.map((a) => a.actor.name).join(' and ')} (${r.state}).`;
  }
}
