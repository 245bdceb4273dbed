/**
 * @module slack/response-urls: the way back to someone when the bot cannot post where they
 * typed. A slash command carries a `response_url` (valid for 30 minutes) that works even in a
 * channel the bot has not joined; when a post there fails with `not_in_channel`, the person
 * is told privately how to invite the bot, instead of hearing nothing.
 */
import type { Logger } from '../../src/core/logger.js';
import type { PacerClock } from './paced-lane.js';

/** Slack: a response_url can be used for 30 minutes. */
const VALID_MS = 30 * 60_000;
const KEEP_AT_MOST = 500;

/** Slack errors that mean "the bot is not in that conversation". */
export const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

export interface ResponseUrls {
  remember(channel: string, userId: string, url: string): void;
  /** Tells the person (or the last one who typed a command there) how to invite the bot. */
  explainNotMember(channel: string, userId: string | undefined, command: string, botUserId: string): Promise<void>;
}

export function createResponseUrls(clock: PacerClock, logger: Logger): ResponseUrls {
  const urls = new Map<string, { url: string; until: number }>();
  const fresh = (key: string) => {
    const hit = urls.get(key);
    return hit && hit.until > clock.now() ? hit.url : undefined;
  };
  return {
    remember(channel, userId, url) {
      if (urls.size >= KEEP_AT_MOST) for (const [k, v] of urls) if (v.until <= clock.now() || urls.size >= KEEP_AT_MOST) urls.delete(k);
      const until = clock.now() + VALID_MS;
      urls.set(`${channel}:${userId}`, { url, until });
      urls.set(channel, { url, until });
    },
    async explainNotMember(channel, userId, command, botUserId) {
      const url = (userId && fresh(`${channel}:${userId}`)) || fresh(channel);
      if (!url) return;
      const text = `I can't post in this conversation because I'm not a member of it. Invite me with /invite <@${botUserId}> (or add the app in the channel's details), then run \`${command}\` again.`;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        });
        if (!res.ok) logger.warn({ status: res.status }, 'Slack response_url refused the not-a-member notice');
      } catch (error) {
        logger.warn({ err: error }, 'Slack response_url could not be reached');
      }
    },
  };
}
