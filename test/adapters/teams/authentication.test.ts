/**
 * With app credentials configured, /api/messages runs nothing without a valid Bot
 * Framework token. Tokens are signed here; the OpenID metadata the real CloudAdapter
 * checks them against is served on 127.0.0.1 (botframework-connector reads its URL from
 * ToBotFromChannelOpenIdMetadataUrl).
 */
import type { Logger } from '../../../src/core/logger.js';
import { createTeamsAdapter } from '../../../adapters/teams/teams-adapter.js';
import { NO_IDENTITIES } from '../../../adapters/teams/tenant-identity.js';
import { createMemoryTeamsDirectory, type TeamsDirectory } from '../../../adapters/teams/teams-directory.js';
import { CHANNEL, TENANT, alice, channelMention, fromTenant, membersAdded } from './helpers/activities.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { startTokenIssuer, type TokenIssuer } from './helpers/token-issuer.js';

const APP_ID = '7d2c1f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const PASSWORD = 'test-password-not-a-secret';

/** Keeps every log line, to check what the adapter writes. */
function recordingLogger(lines: unknown[], bindings: Record<string, unknown> = {}): Logger {
  const log = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, bindings, obj, msg });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: (more) => recordingLogger(lines, { ...bindings, ...more }) };
}

describe('Teams endpoint with credentials', () => {
  let issuer: TokenIssuer;
  let directory: TeamsDirectory;
  let h: Harness;
  let logged: unknown[];
  beforeEach(async () => {
    logged = [];
    issuer = await startTokenIssuer();
    directory = createMemoryTeamsDirectory();
    h = await startHarness({
      adapter: (clock) =>
        createTeamsAdapter({
          port: 0,
          host: '127.0.0.1',
          credentials: { appId: APP_ID, appType: 'SingleTenant', appPassword: PASSWORD, tenantId: TENANT },
          tenants: [TENANT],
          authEndpoints: { openIdMetadataUrl: issuer.metadataUrl },
          directory,
          approvers: () => [],
          identities: NO_IDENTITIES,
          clock,
          logger: recordingLogger(logged),
        }),
    });
  });
  afterEach(async () => {
    await h.close();
    await issuer.close();
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(PASSWORD);
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const commandRan = async () => (await h.runtime.bot.stateOf(1)) !== undefined || h.capture.requests.length > 0;

  test('a request without a token gets 401 and runs nothing', async () => {
    const response = await h.send(channelMention(h.capture.url, alice, 'migrate vm42 to node2'));
    expect(response.status).toBe(401);
    await h.teams.settled();
    expect(await commandRan()).toBe(false);
    expect(await directory.conversation(CHANNEL)).toBeUndefined();
  });

  test('a token signed with a key the Bot Framework does not publish gets 401', async () => {
    const forged = issuer.sign({ aud: APP_ID, serviceurl: h.capture.url }, { key: issuer.strangerKey });
    const response = await h.send(channelMention(h.capture.url, alice, 'migrate vm42 to node2'), bearer(forged));
    expect(response.status).toBe(401);
    await h.teams.settled();
    expect(await commandRan()).toBe(false);
  });

  test('a genuine token for another bot, or for another service URL, gets 401', async () => {
    const otherBot = issuer.sign({ aud: '00000000-0000-0000-0000-000000000001', serviceurl: h.capture.url });
    expect((await h.send(channelMention(h.capture.url, alice, 'nodes'), bearer(otherBot))).status).toBe(401);
    const otherService = issuer.sign({ aud: APP_ID, serviceurl: 'https://smba.example.invalid/' });
    expect((await h.send(channelMention(h.capture.url, alice, 'nodes'), bearer(otherService))).status).toBe(401);
    await h.teams.settled();
    expect(await commandRan()).toBe(false);
  });

  test('a valid token is accepted: the activity is processed', async () => {
    const token = issuer.sign({ aud: APP_ID, serviceurl: h.capture.url });
    const response = await h.send(membersAdded(h.capture.url, [alice]), bearer(token));
    expect(response.status).toBe(200);
    expect(await directory.conversation(CHANNEL)).toEqual(expect.objectContaining({ serviceUrl: h.capture.url, conversationType: 'channel' }));
  });

  test('a valid token does not make a foreign tenant welcome: 403 after authentication, 401 before', async () => {
    const foreign = fromTenant(channelMention(h.capture.url, alice, 'migrate vm42 to node2'), 'a1b2c3d4-0000-4000-8000-0000000000ff');
    expect((await h.send(foreign)).status).toBe(401);
    const token = issuer.sign({ aud: APP_ID, serviceurl: h.capture.url });
    expect((await h.send(foreign, bearer(token))).status).toBe(403);
    expect((await h.send({ ...membersAdded(h.capture.url, [alice]), channelId: 'webchat' }, bearer(token))).status).toBe(403);
    await h.teams.settled();
    expect(await commandRan()).toBe(false);
    expect(await directory.conversation(CHANNEL)).toBeUndefined();
    expect(JSON.stringify(logged)).toMatch(/Teams activity refused.*|foreign-tenant/);
  });
});
