/**
 * @module teams/connector: the three Bot Connector calls the adapter makes (send to a
 * conversation, reply to an activity, update an activity), each proactive through
 * CloudAdapter.continueConversationAsync with a conversation reference rebuilt from the
 * directory, so they work after the turn has ended and after a restart. Retrying is the
 * outbox's job: the connector client's own retry policy is taken out of its pipeline, and
 * each response's status and Retry-After are read on the way.
 */
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { BOT_FRAMEWORK_ACTIVITY } from './constants.js';
import { TeamsSendError } from './errors.js';
import type { ConversationEntry } from './teams-directory.js';

export interface ConnectorTarget {
  /** The id to address: a chat, a channel, or a channel thread (`…;messageid=…`). */
  conversationId: string;
  entry: ConversationEntry;
}

export interface Connector {
  send(target: ConnectorTarget, activity: Partial<Activity>): Promise<string>;
  reply(target: ConnectorTarget, replyToId: string, activity: Partial<Activity>): Promise<string>;
  update(target: ConnectorTarget, activityId: string, activity: Partial<Activity>): Promise<void>;
}

export interface ConnectorOptions {
  adapter: CloudAdapter;
  /** The bot's Microsoft App Id; '' without credentials. */
  appId: string;
  timeoutMs?: number;
}

interface ConversationsApi {
  sendToConversation(id: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
  replyToActivity(id: string, activityId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
  updateActivity(id: string, activityId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
}

interface Seen {
  status?: number;
  retryAfter?: string | null;
}

export function conversationReference(target: ConnectorTarget): Partial<ConversationReference> {
  const { entry } = target;
  return {
    channelId: BOT_FRAMEWORK_ACTIVITY.channelId,
    serviceUrl: entry.serviceUrl,
    bot: { id: entry.botId, name: entry.botName ?? '' },
    conversation: {
      id: target.conversationId,
      isGroup: entry.conversationType !== 'personal',
      conversationType: entry.conversationType ?? '',
      tenantId: entry.tenantId,
      name: '',
    },
  };
}

export function createConnector(o: ConnectorOptions): Connector {
  const timeout = o.timeoutMs ?? 30_000;
  const call = async <T>(operation: TeamsSendError['operation'], target: ConnectorTarget, work: (api: ConversationsApi) => Promise<T>): Promise<T> => {
    const seen: Seen = {};
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    try {
      await o.adapter.continueConversationAsync(o.appId, conversationReference(target), async (context) => {
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as { conversations: ConversationsApi };
        takeOverRetries(client, seen);
        try {
          outcome = { ok: true, value: await work(client.conversations) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (outcome?.ok) return outcome.value;
    const error = outcome?.error;
    const status = statusOf(error) ?? seen.status;
    throw new TeamsSendError(operation, status, retryAfterMs(seen.retryAfter), codeOf(error), error);
  };
  const stamp = (target: ConnectorTarget, activity: Partial<Activity>): Partial<Activity> => ({
    ...activity,
    channelId: BOT_FRAMEWORK_ACTIVITY.channelId,
    serviceUrl: target.entry.serviceUrl,
    from: { id: target.entry.botId, name: target.entry.botName ?? '' },
    conversation: { id: target.conversationId, isGroup: target.entry.conversationType !== 'personal', conversationType: target.entry.conversationType ?? '', name: '' },
  });
  return {
    send: (target, activity) =>
      call('send', target, async (api) => (await api.sendToConversation(target.conversationId, stamp(target, activity), { timeout })).id ?? ''),
    reply: (target, replyToId, activity) =>
      call('reply', target, async (api) => (await api.replyToActivity(target.conversationId, replyToId, { ...stamp(target, activity), replyToId }, { timeout })).id ?? ''),
    update: (target, activityId, activity) =>
      call('update', target, async (api) => {
        await api.updateActivity(target.conversationId, activityId, { ...stamp(target, activity), id: activityId }, { timeout });
      }),
  };
}

interface PipelineLike {
  removePolicy(options: { phase?: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: unknown, next: (r: unknown) => Promise<ResponseLike>): Promise<ResponseLike> }, options?: { phase?: string }): void;
}
interface ResponseLike {
  status: number;
  headers: { get(name: string): string | undefined | null };
}

/**
 * botframework-connector 4.23 (frozen: the SDK is archived) builds each client on an Azure
 * pipeline whose retry policy would retry 5xx on real timers, under the outbox's own
 * backoff. Its pipeline is not part of the typed API, so this looks for it and leaves the
 * client alone if the shape is not what 4.23.3 has.
 */
function takeOverRetries(client: unknown, seen: Seen): void {
  const pipeline = (client as { client?: { pipeline?: Partial<PipelineLike> } }).client?.pipeline;
  if (typeof pipeline?.removePolicy !== 'function' || typeof pipeline.addPolicy !== 'function') return;
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy(
    {
      name: 'hypervChatopsResponseProbe',
      async sendRequest(request, next) {
        const response = await next(request);
        seen.status = response.status;
        seen.retryAfter = response.headers.get('retry-after');
        return response;
      },
    },
    { phase: 'Retry' },
  );
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code.slice(0, 60) : undefined;
}

/** Retry-After: delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
