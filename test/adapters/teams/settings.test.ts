/**
 * The `teams` config section and the environment: defaults, secrets read from the
 * variables the config names, a clear error naming a variable that is missing, and no
 * unsigned endpoint on a public interface.
 */
import { parseConfig, ConfigError } from '../../../src/config/load-config.js';
import { teamsSettings, TeamsEnvironmentError, type TeamsConfig } from '../../../src/config/teams-schema.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { buildTeamsAdapter } from '../../../src/main.js';
import { createTeamsAdapter } from '../../../adapters/teams/teams-adapter.js';
import { NO_IDENTITIES } from '../../../adapters/teams/tenant-identity.js';
import { createMemoryTeamsDirectory } from '../../../adapters/teams/teams-directory.js';
import { MissingTenantsError, UnsafeBindingError } from '../../../adapters/teams/errors.js';
import { listeningAddresses } from '../../support/listening-addresses.js';

const TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-000000000002';
const configWith = (teams: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  parseConfig({ clusters: [{ name: 'demo', kind: 'simulated' }], state: { file: 'state/bot.json' }, teams: { tenants: [TENANT], ...teams }, ...more }, 'hyperv-chatops.config.json');
const teamsOf = (teams: Record<string, unknown>): TeamsConfig => configWith(teams).teams!;
const SECRET = 'pa55-w0rd-value';

describe('teams config and environment', () => {
  test('a section with only its tenants means: port 3978, single-tenant, the Bot Framework variable names', () => {
    expect(teamsOf({})).toEqual({
      tenants: [TENANT],
      port: 3978,
      appType: 'SingleTenant',
      appIdEnv: 'MicrosoftAppId',
      appPasswordEnv: 'MicrosoftAppPassword',
      tenantIdEnv: 'MicrosoftAppTenantId',
      appTypeEnv: 'MicrosoftAppType',
      withoutCredentials: false,
    });
  });

  test('credentials come from the variables named; the directory file sits beside the state file', () => {
    const env = { MicrosoftAppId: 'app-1', MicrosoftAppPassword: SECRET, MicrosoftAppTenantId: 'tenant-1' };
    expect(teamsSettings(teamsOf({ port: 4000 }), 'state/bot.json', env)).toEqual({
      port: 4000,
      tenants: [TENANT],
      directoryFile: 'state/teams-directory.json',
      credentials: { appId: 'app-1', appType: 'SingleTenant', appPassword: SECRET, tenantId: 'tenant-1' },
    });
    const custom = teamsOf({ appIdEnv: 'HV_TEAMS_ID', appPasswordEnv: 'HV_TEAMS_SECRET', tenantIdEnv: 'HV_TENANT' });
    expect(teamsSettings(custom, 'memory', { HV_TEAMS_ID: 'app-2', HV_TEAMS_SECRET: SECRET, HV_TENANT: 't' }).credentials?.appId).toBe('app-2');
  });

  test('with the state in PostgreSQL the directory is the database\'s: a directoryFile is refused, naming the field', () => {
    const replicas = { state: { postgres: { urlEnv: 'HYPERV_CHATOPS_PG_URL' } } };
    expect(() => configWith({ directoryFile: 'state/teams-directory.json' }, replicas)).toThrow(ConfigError);
    expect(() => configWith({ directoryFile: 'state/teams-directory.json' }, replicas)).toThrow(/teams\.directoryFile: with state\.postgres the Teams directory is kept in the database/);
    expect(configWith({}, replicas).teams?.directoryFile).toBeUndefined();
  });

  test('a missing variable stops the start with an error that names it and shows no value', () => {
    const env = { MicrosoftAppId: 'app-1', MicrosoftAppTenantId: 'tenant-1', OTHER: SECRET };
    const attempt = () => teamsSettings(teamsOf({}), 'memory', env);
    expect(attempt).toThrow(TeamsEnvironmentError);
    expect(attempt).toThrow('Teams: the environment variable MicrosoftAppPassword (named by teams.appPasswordEnv) is not set.');
    const config = configWith({});
    expect(() => buildTeamsAdapter(config, createVirtualClock(), silentLogger, { MicrosoftAppPassword: SECRET })).toThrow(/MicrosoftAppId \(named by teams.appIdEnv\)/);
  });

  test('the app type comes from MicrosoftAppType when set: multi-tenant needs no tenant, a managed identity no password', () => {
    expect(teamsSettings(teamsOf({}), 'memory', { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'a', MicrosoftAppPassword: SECRET }).credentials).toEqual({
      appId: 'a',
      appType: 'MultiTenant',
      appPassword: SECRET,
    });
    expect(teamsSettings(teamsOf({ appType: 'UserAssignedMSI' }), 'memory', { MicrosoftAppId: 'a', MicrosoftAppTenantId: 't', MicrosoftAppPassword: SECRET }).credentials).toEqual({
      appId: 'a',
      appType: 'UserAssignedMSI',
      tenantId: 't',
    });
    expect(() => teamsSettings(teamsOf({}), 'memory', { MicrosoftAppType: 'Anonymous' })).toThrow(/MicrosoftAppType .* must be one of SingleTenant, MultiTenant, UserAssignedMSI/);
  });

  test('a mistyped field in the section is a config error naming it', () => {
    expect(() => configWith({ prot: 3978 })).toThrow(ConfigError);
    expect(() => configWith({ appType: 'Single' })).toThrow(/teams.appType/);
  });

  test('without credentials, nothing is read from the environment and only loopback may be used', () => {
    expect(teamsSettings(teamsOf({ withoutCredentials: true, tenants: undefined }), 'memory', { MicrosoftAppId: 'ignored' })).toEqual({ port: 3978, directoryFile: 'memory' });
    const unsafe = () =>
      createTeamsAdapter({ port: 0, host: '0.0.0.0', directory: createMemoryTeamsDirectory(), approvers: () => [], identities: NO_IDENTITIES, clock: createVirtualClock(), logger: silentLogger });
    expect(unsafe).toThrow(UnsafeBindingError);
  });

  test('with credentials, teams.tenants is required: the start fails naming the field and what to write', () => {
    const attempt = () => configWith({ tenants: undefined });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/teams\.tenants: required when the bot has Teams credentials: list the Entra tenant id\(s\) whose people may use the bot/);
    expect(() => configWith({ tenants: [] })).toThrow(/teams\.tenants/);
    expect(() => configWith({ tenants: ['contoso.onmicrosoft.com'] })).toThrow(/teams\.tenants\.0: a tenant id is a GUID .*not a domain name/);
    const unconfigured = () =>
      createTeamsAdapter({
        port: 0,
        credentials: { appId: 'a', appType: 'MultiTenant', appPassword: SECRET },
        directory: createMemoryTeamsDirectory(),
        approvers: () => [], identities: NO_IDENTITIES,
        clock: createVirtualClock(),
        logger: silentLogger,
      });
    expect(unconfigured).toThrow(MissingTenantsError);
  });

  test('a Teams id is bound to one configured tenant: ambiguous or foreign tenants are errors naming the user', () => {
    const user = (extra: Record<string, unknown>) => ({ users: [{ name: 'erin', teams: 'aad-erin', roles: { '*': 'viewer' }, ...extra }] });
    expect(() => configWith({}, user({}))).not.toThrow();
    expect(() => configWith({ tenants: [TENANT, OTHER_TENANT] }, user({}))).toThrow(/users\.0\.teamsTenant: teams\.tenants lists 2 tenants; say which one erin's Teams id belongs to/);
    expect(() => configWith({ tenants: [TENANT, OTHER_TENANT] }, user({ teamsTenant: OTHER_TENANT.toUpperCase() }))).not.toThrow();
    expect(() => configWith({}, user({ teamsTenant: OTHER_TENANT }))).toThrow(new RegExp(`users\\.0\\.teamsTenant: ${OTHER_TENANT} is not one of teams\\.tenants`));
    const entra = (tenantId: string) => ({ directory: { entra: { tenantId, clientId: 'c', clientSecretEnv: 'ENTRA_SECRET' } } });
    expect(() => configWith({}, entra('contoso.onmicrosoft.com'))).toThrow(/directory\.entra\.tenantId: contoso\.onmicrosoft\.com is not one of teams\.tenants/);
    expect(() => configWith({}, entra(TENANT))).not.toThrow();
  });

  test('the endpoint listens on 127.0.0.1 unless teams.host says otherwise', async () => {
    const make = (host?: string) =>
      createTeamsAdapter({
        port: 0,
        ...(host ? { host } : {}),
        credentials: { appId: 'a', appType: 'MultiTenant', appPassword: SECRET },
        tenants: [TENANT],
        directory: createMemoryTeamsDirectory(),
        approvers: () => [], identities: NO_IDENTITIES,
        clock: createVirtualClock(),
        logger: silentLogger,
      });
    const listening = async (host?: string) => {
      const adapter = make(host);
      await adapter.start(async () => undefined);
      try {
        return (await listeningAddresses()).filter((a) => a.port === adapter.port()).map((a) => a.host);
      } finally {
        await adapter.stop();
      }
    };
    expect(await listening()).toEqual(['127.0.0.1']);
    expect(await listening('0.0.0.0')).toEqual(['0.0.0.0']);
    expect(teamsSettings(teamsOf({ host: '10.0.0.5' }), 'memory', { MicrosoftAppId: 'a', MicrosoftAppPassword: SECRET, MicrosoftAppTenantId: TENANT }).host).toBe('10.0.0.5');
  });
});
