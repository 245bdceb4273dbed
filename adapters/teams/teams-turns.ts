/**
 * @module teams/teams-turns: what one inbound activity does. Every activity teaches the
 * directory its conversation and sender. A message becomes a command that runs in the
 * background, so the turn (and the HTTP 200) ends at once. A card click (Action.Execute)
 * becomes an action whose outcome is the invoke's answer: the updated card, or a note only
 * the clicker sees; a refresh answers with the clicker's own view of the card.
 */
import { ActivityHandler, TurnContext, type Activity, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { ChatEvent } from '../../src/core/chat.js';
import type { Logger } from '../../src/core/logger.js';
import { admitActivity } from './activity-admission.js';
import { cardAction, commandText, parseInbound, type ActorIdOf } from './activity-parse.js';
import type { AdaptiveCard } from './adaptive-card.js';
import type { CardViews } from './card-views.js';
import { UNIVERSAL_ACTIONS } from './constants.js';
import type { CardEntry, TeamsDirectory } from './teams-directory.js';
import { identify, type TeamsIdentities } from './tenant-identity.js';
import { runInScope, type InvokeScope } from './turn-scope.js';

export interface TurnDeps {
  directory: TeamsDirectory;
  /** teams.tenants (lower case); undefined: any tenant (no credentials, local tools only). */
  tenants: ReadonlySet<string> | undefined;
  identities: TeamsIdentities;
  views: CardViews;
  logger: Logger;
  /** Hands an event to the bot. */
  deliver(event: ChatEvent): Promise<unknown>;
  /** Keeps track of work that outlives the turn. */
  background(work: Promise<unknown>): void;
  /** How long a click may wait for its outcome before answering with what is known. */
  invokeDeadlineMs: number;
}

export class TeamsTurnHandler extends ActivityHandler {
  constructor(private readonly deps: TurnDeps) {
    super();
    this.onTurn(async (context, next) => {
      await learn(deps, context.activity);
      await next();
    });
    this.onMessage(async (context, next) => {
      startCommand(deps, context.activity);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return answerCardAction(this.deps, context.activity, value);
  }
}

/**
 * Who sent this activity, bound to its tenant. The endpoint admitted it already; admitting it
 * again here (it throws) keeps the turn closed to a foreign tenant however it is reached.
 */
function actorIdsOf(deps: TurnDeps, activity: Activity): ActorIdOf {
  const tenant = admitActivity(activity, deps.tenants);
  return (from) => identify(from, tenant, deps.identities);
}

async function learn(deps: TurnDeps, activity: Activity): Promise<void> {
  const { directory, logger } = deps;
  const idOf = actorIdsOf(deps, activity);
  const inbound = parseInbound(activity, idOf);
  if (!inbound) return;
  if (await directory.rememberConversation(inbound.conversation, inbound.entry)) {
    logger.info({ conversation: inbound.conversation, conversationType: inbound.entry.conversationType }, 'Teams conversation seen');
  }
  const people = [activity.from, ...(activity.membersAdded ?? [])];
  for (const person of people) {
    // Only someone recognised in this tenant is remembered: refresh lists reach approvers by it.
    if (person?.aadObjectId && person.id && person.id !== activity.recipient?.id && idOf(person) === person.aadObjectId.trim()) {
      await directory.rememberUser(person.aadObjectId.trim(), person.id);
    }
  }
}

function startCommand(deps: TurnDeps, activity: Activity): void {
  const inbound = parseInbound(activity, actorIdsOf(deps, activity));
  if (!inbound) return;
  const text = commandText(TurnContext.removeRecipientMention(activity) ?? activity.text);
  if (!text) return;
  const event: ChatEvent = { kind: 'command', actor: inbound.actor, where: inbound.where, text, ...(inbound.deliveryId ? { deliveryId: inbound.deliveryId } : {}) };
  deps.background(runInScope({ kind: 'command', actorId: inbound.actor.id }, () => deps.deliver(event)));
}

async function answerCardAction(deps: TurnDeps, activity: Activity, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
  const inbound = parseInbound(activity, actorIdsOf(deps, activity));
  if (!inbound) return errorAnswer(400, 'BadRequest', 'The activity has no conversation to answer in.');
  const actor = inbound.actor;
  const cardId = activity.replyToId;
  const stored = cardId ? await deps.directory.card(inbound.conversation, cardId) : undefined;
  const verb = value.action?.verb;
  if (verb === UNIVERSAL_ACTIONS.refreshVerb) {
    if (!stored) return messageAnswer('This card is no longer tracked; type `jobs` to see the requests.');
    return cardAnswer(await deps.views.personal(actor.id, stored.message, stored.requesterId));
  }
  const action = cardAction(verb, value.action?.data);
  if (!action) return errorAnswer(400, 'BadRequest', 'This card action is not one the bot knows.');
  const scope: InvokeScope = { kind: 'invoke', actorId: actor.id, cardId, open: true };
  const event: ChatEvent = { kind: 'action', actor, where: inbound.where, ...action, ...(inbound.deliveryId ? { deliveryId: inbound.deliveryId } : {}) };
  const work = runInScope(scope, () => deps.deliver(event));
  deps.background(work);
  const deadline = timer(deps.invokeDeadlineMs);
  let redrawnElsewhere: CardEntry | undefined;
  try {
    const result = await Promise.race([work.catch(() => undefined), deadline.done]);
    // The final approval's card is redrawn by the job as it starts, just after the decision: here,
    // or, with replicas, on the one holding the cluster's lease, which writes it to the shared directory.
    if (!scope.card && action.action === 'approve' && accepted(result)) {
      const here = new Promise<void>((resolve) => (scope.onCard = resolve));
      const elsewhere = cardId ? redrawn(deps.directory, inbound.conversation, cardId, stored, () => scope.open).then((entry) => void (redrawnElsewhere = entry)) : deadline.done;
      await Promise.race([here, elsewhere, deadline.done]);
    }
  } finally {
    scope.open = false;
    deadline.cancel();
  }
  if (scope.card) return cardAnswer(await deps.views.personal(actor.id, scope.card, stored?.requesterId));
  if (redrawnElsewhere) return cardAnswer(await deps.views.personal(actor.id, redrawnElsewhere.message, redrawnElsewhere.requesterId));
  if (scope.note) return messageAnswer(scope.note.text);
  const latest = cardId ? await deps.directory.card(inbound.conversation, cardId) : undefined;
  if (latest) return cardAnswer(await deps.views.personal(actor.id, latest.message, latest.requesterId));
  return messageAnswer('Working on it.');
}

/** The directory's entry for the card once it is no longer `before`; looks every 250 ms while `waiting()`, else undefined. */
async function redrawn(directory: TeamsDirectory, conversation: string, cardId: string, before: CardEntry | undefined, waiting: () => boolean): Promise<CardEntry | undefined> {
  const seen = JSON.stringify(before);
  while (waiting()) {
    await new Promise((resolve) => setTimeout(resolve, REDRAW_POLL_MS).unref());
    const now = await directory.card(conversation, cardId).catch(() => before);
    if (now && JSON.stringify(now) !== seen) return now;
  }
  return undefined;
}

const REDRAW_POLL_MS = 250;

function timer(ms: number): { done: Promise<undefined>; cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<undefined>((resolve) => {
    handle = setTimeout(() => resolve(undefined), ms);
    handle.unref();
  });
  return { done, cancel: () => clearTimeout(handle) };
}

/** The dispatcher's verdict: refused actions come back with `accepted: false`. */
function accepted(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { accepted?: unknown }).accepted === true && !(result as { duplicate?: unknown }).duplicate;
}

function cardAnswer(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: UNIVERSAL_ACTIONS.cardContentType, value: card as unknown as Record<string, unknown> };
}

function messageAnswer(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: UNIVERSAL_ACTIONS.messageResponseType, value: text as unknown as Record<string, unknown> };
}

function errorAnswer(status: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode: status, type: UNIVERSAL_ACTIONS.errorResponseType, value: { code, message } };
}
