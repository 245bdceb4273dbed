/**
 * @module approvals: the request state machine. A request is stored before its card is
 * posted and always found by id. Every decision is a compare-and-set on the stored state,
 * so a second click, a retried delivery or two people racing decide nothing twice.
 */
import type { Clock } from '../cluster/clock.js';
import { describeGrant, roleAtLeast, type Access } from './access.js';
import type { AuditEntry, AuditLog } from './audit.js';
import { audited } from './audited.js';
import type { Actor, ChatAction, Where } from './chat.js';
import { ApprovalRefusedError, NotFoundError } from './errors.js';
import { clockTime } from './format.js';
import { silentLogger, type Logger } from './logger.js';
import type { Messenger } from './messenger.js';
import { noMetrics, type Metrics } from './metrics.js';
import { requestCard } from './request-cards.js';
import type { Decision, OperationRequest } from './requests.js';
import { createSerial } from './serial.js';
import type { Store } from './store.js';

export interface ApprovalsOptions {
  store: Store;
  audit: AuditLog;
  access: Access;
  messenger: Messenger;
  clock: Clock;
  onApproved(request: OperationRequest): void;
  /** Whether a running or approved request has a job here that a cancel can stop. */
  canCancelRunning(request: OperationRequest): boolean;
  onCancelRunning(request: OperationRequest): boolean;
  metrics?: Metrics;
  logger?: Logger;
}

export interface Approvals {
  /** `where`: the conversation the decision came from, for rules that bind a command to conversations. */
  decide(action: ChatAction, id: number, actor: Actor, reason?: string, where?: Where): Promise<OperationRequest>;
  /** Marks pending requests past their expiry as expired and updates their cards. */
  expireDue(): Promise<number>;
}

export function createApprovals(o: ApprovalsOptions): Approvals {
  const logger = o.logger ?? silentLogger;
  const metrics = o.metrics ?? noMetrics;
  /**
   * Decisions run one at a time. Inside, the audit entry is written first and the
   * compare-and-set follows; as nothing else in this process moves a pending request, the set
   * cannot lose once its entry is written, and a refused entry leaves the request as it was.
   */
  const decisions = createSerial();
  const samePerson = (a: Actor, b: Actor) => {
    if (a.platform === b.platform && a.id === b.id) return true;
    const ua = o.access.userOf(a);
    return ua !== undefined && ua === o.access.userOf(b);
  };
  const entry = (event: 'approved' | 'denied' | 'cancelled' | 'expired', r: OperationRequest, actor?: Actor, detail?: string, grant?: string): AuditEntry => ({
    at: new Date(o.clock.now()).toISOString(), event, requestId: r.id, cluster: r.cluster, command: r.command, actor, detail, ...(grant ? { grant } : {}),
  });
  /** Writes the entry, then moves the pending request; undefined when it was no longer pending. */
  const decidePending = (e: AuditEntry, id: number, change: (r: OperationRequest) => OperationRequest) =>
    audited(o.audit, e, () => o.store.transition(id, ['pending'], change), logger);
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
    const expired = await decisions(async () => {
      const current = await o.store.get(r.id);
      if (current?.state !== 'pending') return undefined;
      return decidePending(entry('expired', current), r.id, (x) => ({ ...x, state: 'expired' }));
    });
    if (expired) {
      metrics.approval('expired');
      await refresh(expired);
    }
    return expired;
  };

  /** Inside `decisions`: the request as stored, refused unless it is pending and not past its expiry. */
  const pendingNow = async (id: number) => {
    const current = await load(id);
    if (current.state === 'pending' && o.clock.now() >= current.expiresAt) throw new ApprovalRefusedError('already-decided', alreadyDecided({ ...current, state: 'expired' }));
    if (current.state !== 'pending') throw new ApprovalRefusedError('already-decided', alreadyDecided(current));
    return current;
  };

  const approve = async (id: number, actor: Actor, where?: Where) => {
    const next = await decisions(async () => {
      const r = await pendingNow(id);
      if (samePerson(actor, r.requester)) {
        throw new ApprovalRefusedError('self-approval', `You asked for #${r.id}; someone else has to approve it.`);
      }
      const grant = approverGrant(r, actor, 'approve', where);
      if (r.approvals.some((a) => samePerson(a.actor, actor))) throw new ApprovalRefusedError('already-approved-by-you', `You already approved #${r.id}; it needs another approver.`);
      const decision: Decision = { actor, at: o.clock.now(), grant };
      const approvals = [...r.approvals, decision];
      const state = approvals.length >= r.requiredApprovals ? 'approved' : 'pending';
      const done = await decidePending(entry('approved', r, actor, `${approvals.length} of ${r.requiredApprovals}`, grant), id, (x) => ({ ...x, approvals, state }));
      if (!done) throw new ApprovalRefusedError('already-decided', alreadyDecided(await load(id)));
      return done;
    });
    metrics.approval('approved');
    // An approved request's card is redrawn by the job as it starts: one update, not two.
    if (next.state === 'approved') o.onApproved(next);
    else await refresh(next);
    return next;
  };

  const deny = async (id: number, actor: Actor, reason?: string, where?: Where) => {
    const next = await decisions(async () => {
      const r = await pendingNow(id);
      if (samePerson(actor, r.requester)) {
        throw new ApprovalRefusedError('not-cancellable', `To withdraw your own request, use \`cancel ${r.id}\`.`);
      }
      const grant = approverGrant(r, actor, 'deny', where);
      const denial: Decision = { actor, at: o.clock.now(), grant, ...(reason ? { reason } : {}) };
      const done = await decidePending(entry('denied', r, actor, reason, grant), id, (x) => ({ ...x, state: 'denied', denial }));
      if (!done) throw new ApprovalRefusedError('already-decided', alreadyDecided(await load(id)));
      return done;
    });
    metrics.approval('denied');
    await refresh(next);
    return next;
  };

  /** A running job is asked to stop once its entry is written; its thread tells how it ends. */
  const stopRunning = (r: OperationRequest, actor: Actor) =>
    decisions(async () => {
      // Read again: the job may have ended (here or on another replica) since the cancel was typed.
      const current = await load(r.id);
      const live = current.state === 'running' || current.state === 'approved';
      if (!live || !o.canCancelRunning(current)) throw new ApprovalRefusedError('not-cancellable', `#${r.id} is ${current.state} and can no longer be cancelled.`);
      await audited(o.audit, entry('cancelled', current, actor, 'cancel requested while running'), async () => o.onCancelRunning(current), logger);
      await o.store.update(r.id, (x) => ({ ...x, cancellation: { actor, at: o.clock.now() } }));
      metrics.approval('cancelled');
      return (await o.store.get(r.id)) ?? r;
    });

  const cancel = async (r: OperationRequest, actor: Actor) => {
    const role = o.access.roleOf(actor, r.cluster);
    const mayCancel = samePerson(actor, r.requester) || role === 'admin' || (r.state === 'running' && roleAtLeast(role, 'approver'));
    if (!mayCancel) {
      throw new ApprovalRefusedError('not-requester', `Only the requester (${r.requester.name}) or an admin can cancel #${r.id}.`);
    }
    if (r.state === 'running' || r.state === 'approved') return stopRunning(r, actor);
    const next = await decisions(async () => {
      const current = await pendingNow(r.id);
      const done = await decidePending(entry('cancelled', current, actor), r.id, (x) => ({ ...x, state: 'cancelled', cancellation: { actor, at: o.clock.now() } }));
      if (!done) throw new ApprovalRefusedError('already-decided', alreadyDecided(await load(r.id)));
      return done;
    });
    metrics.approval('cancelled');
    await refresh(next);
    return next;
  };

  return {
    async decide(action, id, actor, reason, where) {
      const r = await load(id);
      if (r.state === 'pending' && o.clock.now() >= r.expiresAt) await expire(r);
      switch (action) {
        case 'approve':
          return approve(id, actor, where);
        case 'deny':
          return deny(id, actor, reason, where);
        case 'cancel':
          return cancel(await load(id), actor);
      }
    },
    async expireDue() {
      const now = o.clock.now();
      const due = (await o.store.list()).filter((r) => r.state === 'pending' && now >= r.expiresAt);
      let count = 0;
      for (const r of due) {
        try {
          if (await expire(r)) count++;
        } catch (error) {
          // Still pending but past its expiry: no one can approve it; the next sweep tries again.
          logger.warn({ err: error, requestId: r.id }, 'could not expire a request');
        }
      }
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
