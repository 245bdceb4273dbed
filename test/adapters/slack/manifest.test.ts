/**
 * manifest.json against the code: every scope the adapter needs is declared and every
 * declared scope is needed; the events it listens for are the events it subscribes to;
 * the slash command is the config's default and its usage hint parses as real commands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from '../../../src/core/parser.js';
import { slackConfig } from '../../../src/config/slack-schema.js';
import { commands } from '../../../commands/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
  display_information: { name: string; description: string };
  features: { bot_user: { display_name: string }; slash_commands: { command: string; description: string; usage_hint: string }[]; app_home: { messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
};
const source = readdirSync(join(root, 'adapters/slack'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, 'adapters/slack', f), 'utf8'))
  .join('\n');

/** Slack's scope for each Web API method (docs.slack.dev/reference/methods/…); auth.test needs none. */
const METHOD_SCOPES: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'conversations.info': 'channels:read',
  'conversations.members': 'channels:read',
  'conversations.open': 'im:write',
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'reactions.add': 'reactions:write',
  // users.info returns the profile's e-mail only with users:read.email as well.
  'usergroups.list': 'usergroups:read',
};
/** What each Bolt listener needs: a scope, and the event subscription that feeds it. */
const LISTENER_NEEDS: { pattern: RegExp; scope: string; event?: string }[] = [
  { pattern: /\.command\(/, scope: 'commands' },
  { pattern: /\.event\('app_mention'/, scope: 'app_mentions:read', event: 'app_mention' },
  { pattern: /\.message\(/, scope: 'im:history', event: 'message.im' },
];

const methodsCalled = [...new Set([...source.matchAll(/\bweb\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))];
const listeners = LISTENER_NEEDS.filter((l) => l.pattern.test(source));

describe('manifest.json', () => {
  test('the adapter calls only methods whose scope is known', () => {
    expect(methodsCalled.sort()).toEqual(['auth.test', 'chat.postEphemeral', 'chat.postMessage', 'chat.update', 'usergroups.list', 'users.info']);
    for (const m of methodsCalled) expect(Object.keys(METHOD_SCOPES)).toContain(m);
  });

  test('declares exactly the bot scopes the code uses', () => {
    const used = new Set<string>();
    for (const m of methodsCalled) if (METHOD_SCOPES[m]) used.add(METHOD_SCOPES[m]!);
    for (const l of listeners) used.add(l.scope);
    if (methodsCalled.includes('users.info')) used.add('users:read.email'); // the e-mail that finds people in the directory
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...used].sort());
  });

  test('subscribes to exactly the events the code listens for', () => {
    const listened = listeners.flatMap((l) => (l.event ? [l.event] : []));
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(listened.sort());
  });

  test('buttons need interactivity; Socket Mode needs no public URL', () => {
    expect(source).toMatch(/\.action</);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('request_url');
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  test('the slash command is the config default, described, with a usage hint of real commands', () => {
    const [slash, ...others] = manifest.features.slash_commands;
    expect(others).toHaveLength(0);
    expect(slash!.command).toBe(slackConfig.parse({}).command);
    expect(slash!.description.length).toBeGreaterThan(10);
    const parser = createParser(commands);
    const hints = slash!.usage_hint.split('|').map((s) => s.trim());
    expect(hints.length).toBeGreaterThanOrEqual(3);
    for (const hint of hints) expect(() => parser.parse(hint, ['demo'])).not.toThrow();
  });

  test('fits the manifest schema’s lengths', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    expect(manifest.features.slash_commands[0]!.command.length).toBeLessThanOrEqual(32);
  });
});
