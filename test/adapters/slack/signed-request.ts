/**
 * @module signed-request: what Slack sends to the HTTP receiver, signed as Slack signs it
 * (`v0=` HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret).
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface Delivery {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Overrides the computed signature (to test a bad one). */
  signature?: string;
  retryNum?: number;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function deliver(url: string, d: Delivery, o: SendOptions): Promise<{ status: number; text: string }> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': d.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': o.signature ?? sign(o.secret, timestamp, d.body),
  };
  if (o.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(o.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const res = await fetch(url, { method: 'POST', headers, body: d.body });
  return { status: res.status, text: await res.text() };
}

export function slashCommand(f: { command?: string; text: string; userId: string; userName?: string; channelId: string; responseUrl?: string }): Delivery {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: f.channelId,
    channel_name: 'ops',
    user_id: f.userId,
    user_name: f.userName ?? f.userId.toLowerCase(),
    command: f.command ?? '/hyperv',
    text: f.text,
    api_app_id: 'A0001',
    response_url: f.responseUrl ?? 'https://hooks.slack.invalid/commands/T0001/1/x',
    trigger_id: `trig.${randomUUID()}`,
  }).toString();
  return { body, contentType: 'application/x-www-form-urlencoded' };
}

export interface ButtonClick {
  userId: string;
  userName?: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  value: string;
  actionTs?: string;
}

export function blockAction(c: ButtonClick): Delivery {
  const payload = {
    type: 'block_actions',
    user: { id: c.userId, username: c.userName ?? c.userId.toLowerCase(), name: c.userName ?? c.userId.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: c.messageTs, channel_id: c.channelId, is_ephemeral: false },
    trigger_id: `trig.${randomUUID()}`,
    team: { id: 'T0001', domain: 'example' },
    channel: { id: c.channelId, name: 'ops' },
    message: { type: 'message', ts: c.messageTs, text: 'card' },
    response_url: 'https://hooks.slack.invalid/actions/T0001/1/x',
    actions: [
      { type: 'button', action_id: c.actionId, block_id: 'hyperv:buttons', value: c.value, text: { type: 'plain_text', text: 'Approve' }, action_ts: c.actionTs ?? `${Date.now() / 1000}` },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function eventCallback(eventId: string, event: Record<string, unknown>): Delivery {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT0001', is_bot: true }],
    event,
  });
  return { body, contentType: 'application/json' };
}
