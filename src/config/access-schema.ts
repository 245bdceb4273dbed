/**
 * @module config/access-schema: roles from directory groups, per-command and per-conversation
 * rules, and the group sources (Active Directory / LDAP, Entra ID, Slack user groups).
 * Cross-checks that need the whole config (clusters, users, sources) are in `accessProblems`.
 */
import { z } from 'zod';
import { ROLES } from '../core/access.js';
import { parseGroupRef } from '../core/groups.js';

const groupRef = z
  .string()
  .min(3)
  .max(300)
  .refine((s) => parseGroupRef(s) !== undefined, 'a group is written source:name, like ldap:Hyper-V Administrators or slack:hyperv-oncall');

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'should name an environment variable, like HYPERV_LDAP_PASSWORD');

export const groupGrantConfig = z.object({ group: groupRef, roles: z.record(z.string(), z.enum(ROLES)) }).strict();

export const accessRuleConfig = z
  .object({
    effect: z.enum(['allow', 'deny']),
    clusters: z.array(z.string().min(1)).min(1).optional(),
    commands: z.array(z.string().min(1)).min(1).optional(),
    risks: z.array(z.enum(['read', 'change', 'disruptive'])).min(1).optional(),
    groups: z.array(groupRef).min(1).optional(),
    users: z.array(z.string().min(1)).min(1).optional(),
    conversations: z.array(z.object({ platform: z.enum(['slack', 'teams', 'console']), conversation: z.string().min(1) }).strict()).min(1).optional(),
  })
  .strict()
  .refine((r) => r.effect === 'deny' ? Boolean(r.groups || r.users || r.conversations) : true, {
    message: 'a deny rule names the groups, users or conversations it applies to (a deny for everyone is a command to remove)',
  });

export const accessConfig = z
  .object({
    groups: z.array(groupGrantConfig).default([]),
    rules: z.array(accessRuleConfig).default([]),
  })
  .strict();

export const ldapSourceConfig = z
  .object({
    /** `ldaps://dc1.example.com:636`, or `ldap://…` with `startTls: true`. */
    url: z.url({ protocol: /^ldaps?$/, error: 'url should be an ldaps:// or ldap:// URL' }),
    startTls: z.boolean().default(false),
    /** The service account: `CN=svc-chatops,OU=Service,DC=example,DC=com` or `svc-chatops@example.com`. */
    bindDn: z.string().min(1),
    passwordEnv: envName,
    /** Where people and groups are searched. */
    baseDn: z.string().min(1),
    /** `ad`: nested groups through LDAP_MATCHING_RULE_IN_CHAIN; `ldap`: memberOf followed level by level. */
    flavor: z.enum(['ad', 'ldap']).default('ad'),
    caFile: z.string().optional(),
    timeoutSeconds: z.number().min(1).max(60).default(5),
  })
  .strict()
  .refine((c) => c.url.startsWith('ldaps:') || c.startTls, { message: 'the bind password would cross the network in clear: use ldaps:// or startTls: true' });

export const entraSourceConfig = z
  .object({
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecretEnv: envName,
    /** For tests and national clouds. */
    graphUrl: z.url().default('https://graph.microsoft.com'),
    loginUrl: z.url().default('https://login.microsoftonline.com'),
  })
  .strict();

export const directoryConfig = z
  .object({
    ttlSeconds: z.number().min(5).max(86_400).default(300),
    /** How long the last good answer stands in while a source is down. */
    maxStaleMinutes: z.number().min(0).max(10_080).default(60),
    ldap: ldapSourceConfig.optional(),
    entra: entraSourceConfig.optional(),
    /** Slack user groups through the Slack app's token (scope usergroups:read). */
    slackGroups: z.boolean().default(false),
  })
  .strict();

export type AccessConfig = z.infer<typeof accessConfig>;
export type DirectoryConfig = z.infer<typeof directoryConfig>;

/** Problems that need the whole config: unknown clusters, users or group sources, each naming its entry. */
export function accessProblems(
  access: AccessConfig | undefined,
  directory: DirectoryConfig | undefined,
  clusters: readonly string[],
  users: readonly string[],
): string[] {
  if (!access) return [];
  const sources = new Set<string>([...(directory?.ldap ? ['ldap'] : []), ...(directory?.entra ? ['entra'] : []), ...(directory?.slackGroups ? ['slack'] : [])]);
  const knownCluster = (c: string) => c === '*' || clusters.some((n) => n.toLowerCase() === c.toLowerCase());
  const problems: string[] = [];
  const checkGroup = (path: string, text: string) => {
    const ref = parseGroupRef(text);
    if (ref && !sources.has(ref.source)) {
      problems.push(`${path}: ${text} names the group source "${ref.source}", which is not configured (directory.${ref.source === 'slack' ? 'slackGroups' : ref.source})`);
    }
  };
  access.groups.forEach((g, i) => {
    checkGroup(`access.groups.${i}.group`, g.group);
    for (const c of Object.keys(g.roles)) if (!knownCluster(c)) problems.push(`access.groups.${i}.roles: no cluster named ${c}`);
  });
  access.rules.forEach((r, i) => {
    (r.groups ?? []).forEach((g, j) => checkGroup(`access.rules.${i}.groups.${j}`, g));
    (r.clusters ?? []).forEach((c) => !knownCluster(c) && problems.push(`access.rules.${i}.clusters: no cluster named ${c}`));
    (r.users ?? []).forEach((u) => !users.some((n) => n.toLowerCase() === u.toLowerCase()) && problems.push(`access.rules.${i}.users: no user named ${u}`));
  });
  return problems;
}
