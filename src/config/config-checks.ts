/**
 * @module config-checks: what the schema alone cannot see, checked across fields so that a
 * configuration mistake stops the bot instead of granting more, or less, than was written.
 * Role keys must name configured clusters (or `*`) and are rewritten to the cluster's own
 * spelling, so the most specific key always wins; one platform id belongs to one person;
 * a Teams id belongs to one of the configured tenants; with replicas, the Teams directory is
 * the database's, never a file.
 */
import type { Config } from './schema.js';
import { tenantOfUser } from './teams-schema.js';

const PLATFORMS = ['console', 'slack', 'teams'] as const;

/** Problems found, each naming the field; the returned config has role keys in the clusters' spelling. */
export function checkConfig(config: Config): { config: Config; problems: string[] } {
  const problems: string[] = [];
  const clusters = new Map<string, string>();
  config.clusters.forEach((c, i) => {
    const key = c.name.toLowerCase();
    if (clusters.has(key)) problems.push(`clusters.${i}.name: ${c.name} is configured twice`);
    else clusters.set(key, c.name);
  });
  if (config.defaultCluster && !clusters.has(config.defaultCluster.toLowerCase())) {
    problems.push(`defaultCluster: no cluster named ${config.defaultCluster}`);
  }
  const users = config.users.map((u, i) => ({ ...u, roles: canonicalRoles(u.roles, clusters, `users.${i}.roles`, problems) }));
  problems.push(...sharedIdentities(config.users), ...teamsTenantProblems(config), ...remoteAuthProblems(config));
  if (config.state.postgres && config.teams?.directoryFile) {
    problems.push('teams.directoryFile: with state.postgres the Teams directory is kept in the database, shared by the replicas (a file would be one replica\'s only); remove teams.directoryFile');
  }
  return { config: { ...config, users }, problems };
}

function canonicalRoles(roles: Config['users'][number]['roles'], clusters: ReadonlyMap<string, string>, field: string, problems: string[]) {
  const out: typeof roles = {};
  for (const [key, role] of Object.entries(roles)) {
    const name = key === '*' ? '*' : clusters.get(key.toLowerCase());
    if (!name) {
      problems.push(`${field}.${key}: no cluster named ${key}; role keys name a configured cluster (${[...clusters.values()].join(', ')}) or "*"`);
      continue;
    }
    if (Object.hasOwn(out, name)) {
      problems.push(`${field}.${key}: ${name} is given a role twice`);
      continue;
    }
    out[name] = role;
  }
  return out;
}

/** A platform id listed for two people would let one act as the other: an error naming both. */
function sharedIdentities(users: Config['users']): string[] {
  const problems: string[] = [];
  for (const platform of PLATFORMS) {
    const owners = new Map<string, string>();
    users.forEach((u, i) => {
      const id = u[platform];
      if (id === undefined) return;
      const first = owners.get(id);
      if (first !== undefined) problems.push(`users.${i}.${platform}: the ${platform} id ${id} is listed for both ${first} and ${u.name}; one id belongs to one person`);
      else owners.set(id, u.name);
    });
  }
  return problems;
}

const sameTenant = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Each Teams id is bound to one configured tenant; the group directory answers for one of them. */
function teamsTenantProblems(config: Config): string[] {
  const tenants = config.teams?.tenants;
  const problems: string[] = [];
  config.users.forEach((u, i) => {
    if (u.teamsTenant !== undefined && u.teams === undefined) problems.push(`users.${i}.teamsTenant: ${u.name} has no teams id for it to qualify`);
    if (!config.teams || !tenants || u.teams === undefined) return;
    const tenant = tenantOfUser(u, tenants);
    if (tenant === undefined) {
      problems.push(`users.${i}.teamsTenant: teams.tenants lists ${tenants.length} tenants; say which one ${u.name}'s Teams id belongs to`);
    } else if (!tenants.some((t) => sameTenant(t, tenant))) {
      problems.push(`users.${i}.teamsTenant: ${tenant} is not one of teams.tenants (${tenants.join(', ')})`);
    }
  });
  const entra = config.directory?.entra?.tenantId;
  if (config.teams && tenants && entra !== undefined && !tenants.some((t) => sameTenant(t, entra))) {
    problems.push(`directory.entra.tenantId: ${entra} is not one of teams.tenants (${tenants.join(', ')}); give the tenant's id (a GUID), so that Teams people are looked up in their own tenant only`);
  }
  return problems;
}

/** A remote cluster needs a password unless it logs on with a Kerberos keytab alone, and Kerberos needs a realm. */
function remoteAuthProblems(config: Config): string[] {
  const problems: string[] = [];
  config.clusters.forEach((c, i) => {
    if (c.kind !== 'remote') return;
    const kerberos = c.auth === 'kerberos' || c.auth === 'negotiate';
    const keytabOnly = kerberos && c.kerberos?.keytab !== undefined && !c.kerberos.ntlmFallback;
    if (!c.passwordEnv && !keytabOnly) problems.push(`clusters.${i}.passwordEnv: required for ${c.auth} (only a Kerberos keytab logon without NTLM fallback goes without a password)`);
    if (kerberos && !c.kerberos?.principal && !/^[^@\\]+@[^@]+$/.test(c.username)) {
      problems.push(`clusters.${i}.kerberos.principal: Kerberos needs the realm: write username as user@REALM or give kerberos.principal`);
    }
    if (!kerberos && c.kerberos) problems.push(`clusters.${i}.kerberos: set only with auth "kerberos" or "negotiate"`);
    if (c.kerberos?.ntlmFallback && c.auth !== 'negotiate') problems.push(`clusters.${i}.kerberos.ntlmFallback: only with auth "negotiate"`);
  });
  return problems;
}
