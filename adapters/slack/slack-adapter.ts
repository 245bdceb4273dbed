/**
 * @module slack/slack-adapter: the bot in Slack, as a ChatAdapter. Inbound: Bolt (see
 * bolt-app, inbound). Outbound: Block Kit through the send queue; ephemeral messages for
 * what only one person should see, thread replies with thread_ts, reply_broadcast for the
 * completion notice, chat.update for cards and progress (queued, coalesced, not awaited).
 */
import type { ChatAdapter, ChatMessage, MessageRef, PostOptions, ReplyOptions, Where } from '../../src/core/chat.js';
import { silentLogger, type Logger } from '../../src/core/logger.js';
import { createBoltApp, type BoltApp, type SlackReceiverOptions } from './bolt-app.js';
import { renderMessage } from './block-kit.js';
import { SlackApiError, SlackStartError } from './errors.js';
import { registerInbound } from './inbound.js';
import type { RateLimits } from './limits.js';
import { SLACK_PLATFORM } from './mrkdwn.js';
import type { PacerClock } from './paced-lane.js';
import { createResponseUrls, NOT_A_MEMBER } from './response-urls.js';
import { createSendQueue } from './send-queue.js';
import { callSlack, createSlackWebClient } from './web-client.js';
import { createSlackGroupSource, createSlackProfileLookup } from './slack-directory.js';

export interface SlackAdapterOptions {
  /** The bot token (xoxb-…), read by the caller from the environment variable the config names. */
  botToken: string;
  receiver: SlackReceiverOptions;
  /** Default `/hyperv`. */
  command?: string;
  /** Default `https://slack.com/api/`. */
  apiUrl?: string;
  clock: PacerClock;
  logger?: Logger;
  limits?: Partial<RateLimits>;
  /** The least time between two edits of one message; the progress interval (default 3 s). */
  minUpdateIntervalMs?: number;
  /** Slack user id → name, from the config's users, for people Slack does not name. */
  userNames?: Readonly<Record<string, string>>;
  /** Told each time Slack rate-limits a call and the client waits (for metrics). */
  onRateLimited?: (waitMs: number) => void;
}

export interface SlackAdapter extends ChatAdapter {
  /** The HTTP port bound, once started in HTTP mode. */
  port(): number | undefined;
  /** Resolves when every received event has been handled and every queued call made. */
  settled(): Promise<void>;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_SLASH_COMMAND = '/hyperv';

export function createSlackAdapter(o: SlackAdapterOptions): SlackAdapter {
  const logger = (o.logger ?? silentLogger).child({ adapter: SLACK_PLATFORM });
  const apiUrl = o.apiUrl ?? DEFAULT_SLACK_API_URL;
  const web = createSlackWebClient({ token: o.botToken, apiUrl, logger, onRateLimited: o.onRateLimited });
  const queue = createSendQueue({ clock: o.clock, limits: o.limits, minUpdateIntervalMs: o.minUpdateIntervalMs ?? 3000 });
  const inFlight = new Set<Promise<unknown>>();
  const command = o.command ?? DEFAULT_SLASH_COMMAND;
  const responseUrls = createResponseUrls(o.clock, logger);
  let bolt: BoltApp | undefined;
  let boundPort: number | undefined;
  let botUserId = '';

  const refOf = (channel: string, ts: string | undefined, thread: string | undefined, method: string): MessageRef => {
    if (!ts) throw new SlackApiError(method, 'no_ts_in_response');
    return { platform: SLACK_PLATFORM, conversation: channel, messageId: ts, ...(thread ? { thread } : {}) };
  };

  const postEphemeral = async (where: Where, message: ChatMessage, userId: string) => {
    const { text, blocks } = renderMessage(message);
    const thread = where.thread ? { thread_ts: where.thread } : {};
    const res = await queue.ephemeral(() =>
      callSlack('chat.postEphemeral', () => web.chat.postEphemeral({ channel: where.conversation, user: userId, text, blocks, ...thread })),
    );
    return refOf(where.conversation, res.message_ts, where.thread, 'chat.postEphemeral');
  };

  const postMessage = async (channel: string, message: ChatMessage, thread: string | undefined, broadcast: boolean) => {
    const { text, blocks } = renderMessage(message);
    const threading = thread ? { thread_ts: thread, ...(broadcast ? { reply_broadcast: true } : {}) } : {};
    const res = await queue.post(channel, () =>
      callSlack('chat.postMessage', () => web.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false, ...threading })),
    );
    return refOf(res.channel ?? channel, res.ts, thread ?? res.ts, 'chat.postMessage');
  };

  return {
    platform: SLACK_PLATFORM,
    people: { profiles: createSlackProfileLookup(web), groups: createSlackGroupSource(web) },
    async start(onEvent) {
      const auth = await callSlack('auth.test', () => web.auth.test()).catch((error: unknown) => {
        throw new SlackStartError('auth', error instanceof SlackApiError ? error.slackError : 'unknown_error');
      });
      if (!auth.user_id || !auth.bot_id) throw new SlackStartError('auth', 'the token is not a bot token (xoxb-…)');
      botUserId = auth.user_id;
      bolt = createBoltApp({ botToken: o.botToken, botId: auth.bot_id, botUserId: auth.user_id, apiUrl, logger, receiver: o.receiver });
      registerInbound(bolt.app, {
        command,
        botUserId,
        nameOf: (id) => o.userNames?.[id],
        logger,
        rememberResponseUrl: (channel, userId, url) => responseUrls.remember(channel, userId, url),
        dispatch(event) {
          // Node writes the ack's bytes on a later tick; start the work one macrotask turn
          // later so that nothing the bot does can hold the ack back.
          const handled = new Promise<void>((resolve) => setImmediate(resolve))
            .then(() => onEvent(event))
            .catch((error: unknown) => logger.error({ err: error }, 'Slack event handling failed'))
            .finally(() => inFlight.delete(handled));
          inFlight.add(handled);
        },
      });
      boundPort = (await bolt.start()).port;
      logger.info({ mode: o.receiver.mode, port: boundPort, team: auth.team_id, botUser: auth.user_id }, 'Slack adapter started');
    },
    async stop() {
      await bolt?.stop();
      bolt = undefined;
      boundPort = undefined;
    },
    async post(where: Where, message: ChatMessage, options?: PostOptions) {
      const only = options?.visibleTo;
      try {
        if (!only) return await postMessage(where.conversation, message, where.thread, false);
        if (only.platform !== SLACK_PLATFORM) throw new SlackApiError('chat.postEphemeral', 'not_a_slack_user');
        return await postEphemeral(where, message, only.id);
      } catch (error) {
        if (error instanceof SlackApiError && NOT_A_MEMBER.has(error.slackError)) {
          await responseUrls.explainNotMember(where.conversation, only?.id, command, botUserId);
        }
        throw error;
      }
    },
    reply: (parent: MessageRef, message: ChatMessage, options?: ReplyOptions) =>
      postMessage(parent.conversation, message, parent.thread ?? parent.messageId, options?.broadcast === true),
    // Resolves once queued: a later edit of the same message supersedes this one anyway, so
    // a job never waits behind the workspace-wide chat.update pace. Failures are logged here.
    async update(ref: MessageRef, message: ChatMessage) {
      const { text, blocks } = renderMessage(message);
      void queue
        .update(ref.conversation, ref.messageId, () =>
          callSlack('chat.update', () => web.chat.update({ channel: ref.conversation, ts: ref.messageId, text, blocks })),
        )
        .catch((error: unknown) => logger.error({ err: error, method: 'chat.update' }, 'Slack message update failed'));
    },
    port: () => boundPort,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      await queue.settled();
    },
  };
}
