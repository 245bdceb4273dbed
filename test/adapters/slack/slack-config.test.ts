/**
 * The `slack` config section and the secrets it points at: defaults that match the
 * manifest, secrets only from named environment variables, a clear error naming a missing
 * variable (and never a value), Socket Mode when an app token is configured.
 */
import { createSlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { SlackStartError } from '../../../adapters/slack/errors.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { parseConfig } from '../../../src/config/load-config.js';
import { readSlackSecrets, slackConfig, SlackSecretMissingError } from '../../../src/config/slack-schema.js';
import { buildSlackAdapter } from '../../../src/main.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createFakeSlackApi } from './fake-slack-api.js';

const base = { clusters: [{ name: 'demo', kind: 'simulated' }], state: { file: 'memory', auditFile: 'memory' } };

describe('slack config', () => {
  test('defaults: /hyperv, HTTP on 127.0.0.1:3000 at /slack/events, slack.com, secrets from SLACK_* variables', () => {
    expect(slackConfig.parse({})).toEqual({
      botTokenEnv: 'SLACK_BOT_TOKEN',
      signingSecretEnv: 'SLACK_SIGNING_SECRET',
      command: '/hyperv',
      http: { port: 3000, host: '127.0.0.1', path: '/slack/events' },
      apiUrl: 'https://slack.com/api/',
      limits: {},
    });
  });

  test('a token pasted where a variable name belongs is refused without echoing it', () => {
    const token = 'xoxb-1111-2222-secretsecret';
    let message = '';
    try {
      parseConfig({ ...base, slack: { botTokenEnv: token } }, 'config.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('slack.botTokenEnv');
    expect(message).toContain('not the secret itself');
    expect(message).not.toContain(token);
  });

  test('HTTP mode reads the bot token and signing secret; a missing one is named, values never shown', () => {
    const slack = slackConfig.parse({ botTokenEnv: 'OPS_SLACK_TOKEN' });
    expect(readSlackSecrets(slack, { OPS_SLACK_TOKEN: 'xoxb-a', SLACK_SIGNING_SECRET: 's3cret' })).toEqual({ botToken: 'xoxb-a', signingSecret: 's3cret' });
    const attempt = () => readSlackSecrets(slack, { OPS_SLACK_TOKEN: 'xoxb-a' });
    expect(attempt).toThrow(SlackSecretMissingError);
    expect(attempt).toThrow(/SLACK_SIGNING_SECRET/);
    expect(attempt).not.toThrow(/xoxb-a/);
  });

  test('Socket Mode reads the app token instead of the signing secret', () => {
    const slack = slackConfig.parse({ appTokenEnv: 'SLACK_APP_TOKEN' });
    expect(readSlackSecrets(slack, { SLACK_BOT_TOKEN: 'xoxb-a', SLACK_APP_TOKEN: 'xapp-b' })).toEqual({ botToken: 'xoxb-a', appToken: 'xapp-b' });
    expect(() => readSlackSecrets(slack, { SLACK_BOT_TOKEN: 'xoxb-a', SLACK_SIGNING_SECRET: 'x' })).toThrow(/SLACK_APP_TOKEN/);
  });

  test('the composition root refuses to start Slack without its token, naming the variable', () => {
    const config = parseConfig({ ...base, slack: {} }, 'config.json');
    expect(() => buildSlackAdapter(config, createVirtualClock(), silentLogger, { SLACK_SIGNING_SECRET: 'x' })).toThrow(
      /the environment variable SLACK_BOT_TOKEN \(the Slack bot token, xoxb-…\) is not set/,
    );
    expect(buildSlackAdapter(parseConfig(base, 'config.json'), createVirtualClock(), silentLogger, {})).toBeUndefined();
  });

  test('a token Slack refuses stops the start with the reason', async () => {
    const api = await createFakeSlackApi();
    api.failNext('auth.test', { error: 'invalid_auth' });
    const adapter = createSlackAdapter({ botToken: 'xoxb-revoked', receiver: { mode: 'http', signingSecret: 's', port: 0, host: '127.0.0.1', path: '/slack/events' }, apiUrl: api.url, clock: createVirtualClock() });
    await expect(adapter.start(async () => undefined)).rejects.toEqual(new SlackStartError('auth', 'invalid_auth'));
    await api.close();
  });

  test('with an app token the adapter connects over Socket Mode through the configured API URL, with that token', async () => {
    const api = await createFakeSlackApi();
    api.failNext('apps.connections.open', { error: 'invalid_auth' });
    const adapter = createSlackAdapter({ botToken: 'xoxb-bot', receiver: { mode: 'socket', appToken: 'xapp-app' }, apiUrl: api.url, clock: createVirtualClock() });
    await expect(adapter.start(async () => undefined)).rejects.toEqual(new SlackStartError('socket', 'invalid_auth'));
    expect(api.calls.map((c) => [c.method, c.token])).toEqual([
      ['auth.test', 'xoxb-bot'],
      ['apps.connections.open', 'xapp-app'],
    ]);
    await adapter.stop();
    await api.close();
  });
});
