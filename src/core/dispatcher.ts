/**
 * @module dispatcher: the error boundary between chat and the engine. A ChatEvent goes in;
 * the command is parsed, access checked, read commands answered, changes preflighted and
 * turned into requests; every failure becomes a reply to the person who typed it.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { Clock } from '../cluster/clock.js';
import { describeGrant, type Access } from './access.js';
import type { Approvals } from './approvals.js';
import type { AuditEntry, AuditLog } from './audit.js';
import { audited } from './audited.js';
import type { ChatEvent, MessageRef } from './chat.js';
import { isActionCommand, isChangeCommand, type Catalog, type ChangeCommandSpec, type CommandContext } from './command-spec.js';
import { createCommandContext } from './command-context.js';
import { createPeopleView } from './access-explain.js';
import { AccessDeniedError, BusyError, ClusterUnknownError, NotFoundError, PreflightFailedError } from './errors.js';
import { describeFailure, newCorrelationId } from './failure.js';
import type { Logger } from './logger.js';
import { noMetrics, type Metrics } from './metrics.js';
import { message, plain } from './messages.js';
import type { Messenger } from './messenger.js';
import type { Parser } from './parser.js';
import { approvalsNeeded, conversationAllowed, type BotPolicy } from './policy.js';
import { requestCard } from './request-cards.js';
import { isActive, type OperationRequest } from './requests.js';
import type { SlowReads } from './slow-reads.js';
import type { Store } from './store.js';
import { createVisibility } from './visibility.js';

export interface DispatchResult {
  accepted: boolean;
  /** The delivery was a repeat of one already handled; nothing was done. */
  duplicate?: boolean;
  requestId?: number;
  reply?: MessageRef;
}

export interface DispatcherOptions {
  parser: Parser;
  /** Read commands that take long: acknowledged at once, answered in a thread. */
  slowReads: SlowReads;
  catalog: Catalog;
  clusters: ReadonlyMap<string, Cluster>;
  defaultCluster: string;
  access: Access;
  approvals: Approvals;
  store: Store;
  audit: AuditLog;
  messenger: Messenger;
  clock: Clock;
  policy: BotPolicy;
  logger: Logger;
  metrics?: Metrics;
}

export function createDispatcher(o: DispatcherOptions) {
  const metrics = o.metrics ?? noMetrics;
  const clusterNames = [...o.clusters.keys()];

  const clusterFor = (name: string | undefined): Cluster => {
    const wanted = name ?? o.defaultCluster;
    const found = [...o.clusters.values()].find((c) => c.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new ClusterUnknownError(wanted, clusterNames);
    return found;
  };

  const handleCommand = async (event: Extract<ChatEvent, { kind: 'command' }>): Promise<DispatchResult> => {
    const parsed = o.parser.parse(event.text, clusterNames);
    const { spec, args } = parsed;
    if (isActionCommand(spec)) {
      const { requestId, reason } = spec.toAction(args);
      return handleAction({ kind: 'action', actor: event.actor, where: event.where, action: spec.action, requestId, reason });
    }
    const cluster = clusterFor(parsed.cluster);
    if (!(!isChangeCommand(spec) && spec.access === 'anyone')) requireConversation(cluster.name, event);
    const people = createPeopleView(o.access, clusterNames, event.actor);
    const visibility = visibilityOf(event);
    const ctx = createCommandContext({ cluster, actor: event.actor, clock: o.clock, store: o.store, catalog: o.catalog, audit: o.audit, people, visibility });
    if (!isChangeCommand(spec)) {
      if (spec.access !== 'anyone') o.access.require(event.actor, cluster.name, 'viewer', { command: spec.name, risk: 'read', where: event.where });
      if (spec.slow) {
        const slow = spec.slow;
        const key = `${cluster.name.toLowerCase()}:${spec.name}`;
        if (await o.slowReads.pointTo(key, event.actor, event.where)) return { accepted: true };
        return { accepted: true, reply: await o.slowReads.start(key, slow.title(args, ctx), event.actor, event.where, (report) => spec.answer(args, ctx, report)) };
      }
      const answer = await spec.answer(args, ctx);
      return { accepted: true, reply: await o.messenger.post(event.where, answer) };
    }
    const grant = o.access.require(event.actor, cluster.name, 'operator', { command: spec.name, risk: spec.risk, where: event.where });
    return requestChange(event, spec, args, ctx, parsed.whatIf, describeGrant(grant));
  };

  const requestChange = async (
    event: Extract<ChatEvent, { kind: 'command' }>,
    spec: ChangeCommandSpec<unknown>,
    args: Record<string, unknown>,
    ctx: CommandContext,
    whatIf: boolean,
    grant: string,
  ): Promise<DispatchResult> => {
    const preflight = await spec.preflight(args, ctx);
    if (preflight.facts.some((f) => f.ok === false)) throw new PreflightFailedError(preflight.summary, preflight.facts);
    if (whatIf) {
      const plan = message([
        { type: 'header', text: `What-if: ${preflight.summary}` },
        { type: 'fields', fields: preflight.facts },
        ...(preflight.details ?? []),
        { type: 'context', text: 'Nothing was changed and no request was created. Run it without --what-if to ask for approval.' },
      ]);
      return { accepted: true, reply: await o.messenger.post(event.where, plan) };
    }
    const request = await o.store.exclusive(`holds:${ctx.clusterName}`, async () => {
      const active = (await o.store.list()).filter((r) => r.cluster === ctx.clusterName && isActive(r));
      for (const hold of preflight.holds) {
        const holder = active.find((r) => r.holds.some((h) => h.toLowerCase() === hold.toLowerCase()));
        if (holder) throw new BusyError(hold.replace(/^\w+:/, ''), holder.id, holder.state);
      }
      const now = o.clock.now();
      const created: OperationRequest = {
        id: await o.store.nextRequestId(),
        cluster: ctx.clusterName,
        command: spec.name,
        args: preflight.args ?? args,
        text: event.text.trim(),
        risk: spec.risk,
        summary: preflight.summary,
        facts: preflight.facts,
        ...(preflight.details?.length ? { details: preflight.details } : {}),
        holds: preflight.holds,
        requester: event.actor,
        requesterGrant: grant,
        where: event.where,
        state: 'pending',
        requiredApprovals: approvalsNeeded(o.policy, ctx.clusterName, spec.risk),
        approvals: [],
        createdAt: now,
        expiresAt: now + o.policy.requestTtlMs,
      };
      // The entry first: a request whose entry could not be written is never stored, and no card is posted.
      const requested: AuditEntry = {
        at: new Date(created.createdAt).toISOString(),
        event: 'requested',
        requestId: created.id,
        cluster: created.cluster,
        command: created.command,
        args: created.args,
        text: created.text,
        actor: event.actor,
        grant,
      };
      await audited(o.audit, requested, () => o.store.insert(created), o.logger);
      return created;
    });
    const card = requestCard(request, o.clock.now());
    const cardRef = await o.messenger.post(event.where, card);
    if (cardRef) await o.store.update(request.id, (r) => ({ ...r, cardRef }));
    return { accepted: true, requestId: request.id, reply: cardRef };
  };

  const visibilityOf = (event: ChatEvent) => createVisibility({ access: o.access, policy: o.policy, clusters: clusterNames, actor: event.actor, where: event.where });

  const requireConversation = (cluster: string, event: ChatEvent) => {
    if (conversationAllowed(o.policy, cluster, event.where)) return;
    throw new AccessDeniedError(event.actor.name, 'operator', cluster, `${cluster} can't be operated from this conversation; use the channel it is bound to.`);
  };

  const handleAction = async (event: Extract<ChatEvent, { kind: 'action' }>): Promise<DispatchResult> => {
    // A request of a cluster the person may not see here answers exactly as one that does not exist.
    const target = await o.store.get(event.requestId);
    if (!target || !visibilityOf(event).canSee(target.cluster)) throw new NotFoundError('request', `#${event.requestId}`, undefined);
    const decided = await o.approvals.decide(event.action, event.requestId, event.actor, event.reason, event.where);
    // A running job is only asked to stop here; its thread tells how it ends.
    const stopping = event.action === 'cancel' && isActive(decided);
    const verb = event.action === 'approve' ? (decided.state === 'pending' ? 'Approval recorded' : 'Approved') : event.action === 'deny' ? 'Denied' : stopping ? 'Stopping' : 'Cancelled';
    const note = decided.state === 'pending' && event.action === 'approve'
      ? ` (${decided.approvals.length} of ${decided.requiredApprovals}; ${moreApprovers(decided.requiredApprovals - decided.approvals.length)} needed)`
      : stopping ? '; the thread will say how it ends' : '';
    await o.messenger.post(event.where, plain(`${verb} #${decided.id}${note}.`), { visibleTo: event.actor });
    return { accepted: true, requestId: decided.id };
  };

  return {
    async handle(event: ChatEvent): Promise<DispatchResult> {
      // One correlation id per command: on every log line about it, and in the error line people see.
      const correlationId = newCorrelationId();
      const log = o.logger.child({ correlationId, platform: event.actor.platform, user: event.actor.id, kind: event.kind });
      try {
        if (event.deliveryId) {
          const now = o.clock.now();
          const fresh = await o.store.rememberDelivery(event.deliveryId, now + (o.policy.deliveryTtlMs ?? 3_600_000), now);
          if (!fresh) {
            log.info({ deliveryId: event.deliveryId }, 'repeated delivery ignored');
            metrics.command(event.kind, 'duplicate');
            return { accepted: true, duplicate: true };
          }
        }
        const result = event.kind === 'command' ? await handleCommand(event) : await handleAction(event);
        metrics.command(event.kind, 'accepted');
        log.info({ requestId: result.requestId, action: event.kind === 'action' ? event.action : undefined }, 'handled');
        return result;
      } catch (error) {
        const failure = describeFailure(error, log, 'command failed', correlationId);
        const reply = error instanceof PreflightFailedError ? refusal(error) : plain(failure.text);
        if (error instanceof AccessDeniedError) {
          const cluster = error.cluster === undefined ? {} : { cluster: error.cluster };
          // The refusal stands whether or not its entry is written: nothing was done either way.
          await o.audit
            .append({ at: new Date(o.clock.now()).toISOString(), event: 'refused', ...cluster, actor: event.actor, detail: error.message })
            .catch((auditError: unknown) => log.error({ err: auditError }, 'could not write a refusal to the audit log'));
        }
        await o.messenger.post(event.where, reply, { visibleTo: event.actor });
        metrics.command(event.kind, 'refused');
        if (event.kind === 'action') metrics.approval('refused');
        return { accepted: false };
      }
    },
  };
}

function moreApprovers(n: number): string {
  return n === 1 ? 'one more approver' : `${n} more approvers`;
}

function refusal(error: PreflightFailedError) {
  return message([
    { type: 'header', text: `Refused: ${error.summary}` },
    { type: 'fields', fields: [...error.facts] },
    { type: 'context', text: 'No request was created.' },
  ]);
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
