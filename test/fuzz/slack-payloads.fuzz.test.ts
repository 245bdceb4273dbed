/**
 * Fuzz: whatever Slack delivers to the inbound listeners (slash command, mention, DM, button
 * click), they never throw, and every event dispatched names the Slack user id the payload
 * carried as the actor, never a value from a button or the text.
 */
import type { App } from '@slack/bolt';
import fc from 'fast-check';
import { registerInbound } from '../../adapters/slack/inbound.js';
import { typedText } from '../../adapters/slack/mrkdwn.js';
import type { ChatEvent } from '../../src/core/chat.js';
import { silentLogger } from '../../src/core/logger.js';
import { fuzzRuns } from './fuzz-settings.js';

type Listener = (args: Record<string, unknown>) => Promise<void>;

/** Bolt's registration surface, keeping the listeners so the test can call them as Bolt would. */
function listeningApp() {
  const listeners: Record<'command' | 'event' | 'message' | 'action', Listener[]> = { command: [], event: [], message: [], action: [] };
  const app = {
    command: (_name: unknown, fn: Listener) => listeners.command.push(fn),
    event: (_name: unknown, fn: Listener) => listeners.event.push(fn),
    message: (fn: Listener) => listeners.message.push(fn),
    action: (_constraints: unknown, fn: Listener) => listeners.action.push(fn),
  };
  return { app: app as unknown as App, listeners };
}

const ack = async () => undefined;
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('<@UBOT> migrate vm42 to node2', '<@UBOT|bot>', '<#C1|ops> &amp;&lt;', '<https://x|y>', '<mailto:a@b>'));
const userId = fc.oneof(fc.constantFrom('U012AB3CD', 'W99'), fc.string({ maxLength: 12 }));

const command = fc.record({ user_id: userId, user_name: fc.string(), channel_id: fc.string(), text, trigger_id: fc.string(), response_url: fc.option(fc.webUrl()) }, { requiredKeys: ['user_id', 'channel_id', 'text'] });
const mentionEvent = fc.record({ user: fc.option(userId), bot_id: fc.option(fc.string()), channel: fc.string(), ts: fc.string(), thread_ts: fc.option(fc.string()), text, user_profile: fc.option(fc.record({ display_name: fc.string(), name: fc.string() })) }, { requiredKeys: ['channel', 'text'] });
const dm = fc.record({ subtype: fc.option(fc.constantFrom('bot_message', 'message_changed')), channel_type: fc.constantFrom('im', 'channel'), user: fc.option(userId), bot_id: fc.option(fc.string()), channel: fc.string(), ts: fc.string(), text: fc.option(text) }, { requiredKeys: ['channel_type', 'channel'] });
const click = fc.record({
  action: fc.record({ action_id: fc.oneof(fc.constantFrom('hyperv:approve:3', 'hyperv:deny:12', 'hyperv:cancel:0'), fc.string()), value: fc.oneof(fc.string(), fc.constantFrom('3', '-1', '1e400', '0x10')), action_ts: fc.string() }),
  body: fc.record(
    { user: fc.record({ id: userId, name: fc.option(fc.string()), username: fc.option(fc.string()) }), channel: fc.option(fc.record({ id: fc.string() })), container: fc.option(fc.record({ channel_id: fc.option(fc.string()), message_ts: fc.option(fc.string()), thread_ts: fc.option(fc.string()) }, { requiredKeys: [] })), message: fc.option(fc.record({ ts: fc.string() })) },
    { requiredKeys: ['user'] },
  ),
});

test('no listener throws, and each event dispatched carries the payload user id as the actor', async () => {
  const { app, listeners } = listeningApp();
  const dispatched: ChatEvent[] = [];
  registerInbound(app, { command: '/hyperv', botUserId: 'UBOT', nameOf: () => undefined, dispatch: (e) => dispatched.push(e), rememberResponseUrl: () => undefined, logger: silentLogger });
  await fc.assert(
    fc.asyncProperty(fc.oneof(
      command.map((c) => ['command', { ack, command: c }, c.user_id] as const),
      mentionEvent.map((e) => ['event', { event: e }, e.user] as const),
      dm.map((m) => ['message', { message: m }, m.user] as const),
      click.map((c) => ['action', { ack, ...c }, c.body.user.id] as const),
    ), async ([kind, args, user]) => {
      dispatched.length = 0;
      for (const listener of listeners[kind]) await listener(args as Record<string, unknown>);
      for (const event of dispatched) {
        expect(event.actor).toEqual(expect.objectContaining({ platform: 'slack', id: user }));
        if (event.kind === 'action') expect(Number.isSafeInteger(event.requestId) && event.requestId > 0).toBe(true);
      }
    }),
    fuzzRuns(1500),
  );
});

test('mrkdwn typed back to text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void typedText(s)), fuzzRuns(1000));
});

test('regression: a click on one of our buttons from a payload without a container is ignored, not a crash', async () => {
  const { app, listeners } = listeningApp();
  const dispatched: ChatEvent[] = [];
  registerInbound(app, { command: '/hyperv', botUserId: 'UBOT', nameOf: () => undefined, dispatch: (e) => dispatched.push(e), rememberResponseUrl: () => undefined, logger: silentLogger });
  const body = { user: { id: 'U012AB3CD' }, message: { ts: '1.2' } };
  for (const listener of listeners.action) await listener({ ack, action: { action_id: 'hyperv:approve:3', value: '3', action_ts: '1' }, body });
  expect(dispatched).toEqual([]);
});
