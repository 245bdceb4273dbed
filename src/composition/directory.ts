/**
 * @module composition/directory: the group sources the config names, behind one cache. Secrets
 * come from the environment variables the config names; a missing one stops the start.
 */
import type { ChatAdapter } from '../core/chat.js';
import type { Clock } from '../cluster/clock.js';
import { createGroupCache, type GroupCache } from '../core/group-cache.js';
import type { GroupSource } from '../core/groups.js';
import type { Logger } from '../core/logger.js';
import type { AccessConfig, DirectoryConfig } from '../config/access-schema.js';
import { checkNamedGroups } from '../core/group-check.js';
import { ConfigError } from '../config/load-config.js';
import { createEntraGroupSource } from '../directory/entra-source.js';
import { createLdapGroupSource } from '../directory/ldap-source.js';

export interface DirectoryDeps {
  adapters: readonly ChatAdapter[];
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

const secret = (env: NodeJS.ProcessEnv, name: string, field: string) => {
  const value = env[name];
  if (!value) throw new ConfigError('environment', [`${field}: the environment variable ${name} is not set`]);
  return value;
};

export interface Directory {
  cache: GroupCache;
  /** Checks every group the access config names; the warnings name their config entries. */
  check(access: AccessConfig | undefined): Promise<string[]>;
}

export function buildDirectory(config: DirectoryConfig | undefined, d: DirectoryDeps): Directory | undefined {
  if (!config) return undefined;
  const slack = d.adapters.find((a) => a.platform === 'slack')?.people;
  const sources: GroupSource[] = [];
  if (config.ldap) {
    const l = config.ldap;
    sources.push(
      createLdapGroupSource({
        url: l.url, startTls: l.startTls, bindDn: l.bindDn, baseDn: l.baseDn, flavor: l.flavor, caFile: l.caFile,
        password: secret(d.env, l.passwordEnv, 'directory.ldap.passwordEnv'),
        timeoutMs: l.timeoutSeconds * 1000,
        profiles: slack?.profiles,
      }),
    );
  }
  if (config.entra) {
    const e = config.entra;
    sources.push(
      createEntraGroupSource({
        tenantId: e.tenantId, clientId: e.clientId, graphUrl: e.graphUrl, loginUrl: e.loginUrl, timeoutMs: 5000,
        clientSecret: secret(d.env, e.clientSecretEnv, 'directory.entra.clientSecretEnv'),
      }),
    );
  }
  if (config.slackGroups) {
    if (!slack?.groups) throw new ConfigError('configuration', ['directory.slackGroups: needs the slack section (the bot token reads the user groups)']);
    sources.push(slack.groups);
  }
  const cache = createGroupCache({
    sources,
    clock: d.clock,
    logger: d.logger,
    ttlMs: config.ttlSeconds * 1000,
    maxStaleMs: config.maxStaleMinutes * 60_000,
    lookupTimeoutMs: 5000,
  });
  return {
    cache,
    check: (access) =>
      checkNamedGroups(sources, [
        ...(access?.groups ?? []).map((g, i) => ({ path: `access.groups.${i}.group`, group: g.group })),
        ...(access?.rules ?? []).flatMap((r, i) => (r.groups ?? []).map((group, j) => ({ path: `access.rules.${i}.groups.${j}`, group }))),
      ]),
  };
}
