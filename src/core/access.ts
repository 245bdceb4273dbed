/**
 * @module access: who may do what on which cluster. A role comes from a person's own entry in
 * the config or from a directory group the config maps to a role; the highest wins, and each
 * grant says where it came from. Rules (access-rules.ts) can take a command away. A person
 * with no entry and no group can do nothing but `help`. Every check fails closed.
 */
import type { Actor, Where } from './chat.js';
import { evaluateRules, type AccessRule } from './access-rules.js';
import type { Risk } from './command-spec.js';
import { AccessDeniedError } from './errors.js';
import type { GroupCache } from './group-cache.js';
import { formatGroupRef, groupKey, parseGroupRef, type GroupRef } from './groups.js';

export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UserEntry {
  name: string;
  /** Platform identities: { console: 'alice', slack: 'U012AB3CD', teams: '<AAD object id>' }. */
  ids: Record<string, string>;
  /** Role per cluster; '*' applies to every cluster without its own entry. */
  roles: Record<string, Role>;
}

/** "Members of ldap:Hyper-V Administrators are approvers on every cluster." */
export interface GroupGrant {
  group: string;
  roles: Record<string, Role>;
}

/** Where a role came from: the person's own entry, or a group. */
export type GrantSource = { kind: 'entry'; user: string } | { kind: 'group'; group: string };

export interface Grant {
  role: Role;
  via: GrantSource;
}

export interface CommandUse {
  command: string;
  risk?: Risk;
  where?: Where;
}

export interface Access {
  /** Looks up the actor's directory groups when the cache has no fresh answer; before any check. */
  prepare(actor: Actor): Promise<void>;
  roleOf(actor: Actor, cluster: string): Role | undefined;
  /** The highest grant on the cluster, and where it came from. */
  grantOf(actor: Actor, cluster: string): Grant | undefined;
  /** Every grant that applies on the cluster, highest first: what `whoami` explains. */
  grantsOf(actor: Actor, cluster: string): Grant[];
  /** The actor's directory groups as cached. */
  groupsOf(actor: Actor): GroupRef[];
  /**
   * Throws AccessDeniedError unless the actor has at least `needed` on the cluster and no rule
   * takes the command away there.
   */
  require(actor: Actor, cluster: string, needed: Role, use?: CommandUse): Grant;
  /** The configured user for an actor, if any. */
  userOf(actor: Actor): UserEntry | undefined;
  readonly users: readonly UserEntry[];
}

export interface AccessOptions {
  groups?: readonly GroupGrant[];
  rules?: readonly AccessRule[];
  directory?: Pick<GroupCache, 'prepare' | 'groupsOf'>;
}

export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  if (!role) return false;
  const have = ROLES.indexOf(role);
  const want = ROLES.indexOf(needed);
  return have >= 0 && want >= 0 && have >= want;
}

const rank = (role: Role) => ROLES.indexOf(role);
const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** The role a per-cluster map gives: the cluster's own key, else '*'. */
function roleIn(roles: Record<string, Role>, cluster: string): Role | undefined {
  const own = Object.keys(roles).find((key) => key !== '*' && key.toLowerCase() === cluster.toLowerCase());
  const role = own !== undefined ? roles[own] : Object.hasOwn(roles, '*') ? roles['*'] : undefined;
  return isRole(role) ? role : undefined;
}

export function describeGrant(grant: Grant): string {
  return grant.via.kind === 'entry' ? `${grant.role} (entry ${grant.via.user})` : `${grant.role} (group ${grant.via.group})`;
}

export function createAccess(users: readonly UserEntry[], options: AccessOptions = {}): Access {
  const byIdentity = new Map<string, UserEntry>();
  for (const user of users) {
    for (const [platform, id] of Object.entries(user.ids)) byIdentity.set(`${platform}\u0000${id}`, user);
  }
  const groupGrants = (options.groups ?? []).flatMap((g) => {
    const ref = parseGroupRef(g.group);
    return ref ? [{ key: groupKey(ref), name: formatGroupRef(ref), roles: g.roles }] : [];
  });
  const userOf = (actor: Actor) => byIdentity.get(`${actor.platform}\u0000${actor.id}`);
  const groupsOf = (actor: Actor) => options.directory?.groupsOf(actor) ?? [];

  const grantsOf = (actor: Actor, cluster: string): Grant[] => {
    const grants: Grant[] = [];
    const user = userOf(actor);
    const own = user ? roleIn(user.roles, cluster) : undefined;
    if (user && own) grants.push({ role: own, via: { kind: 'entry', user: user.name } });
    const held = new Set(groupsOf(actor).map(groupKey));
    for (const g of groupGrants) {
      const role = held.has(g.key) ? roleIn(g.roles, cluster) : undefined;
      if (role) grants.push({ role, via: { kind: 'group', group: g.name } });
    }
    return grants.sort((a, b) => rank(b.role) - rank(a.role));
  };
  const grantOf = (actor: Actor, cluster: string) => grantsOf(actor, cluster)[0];

  return {
    prepare: async (actor) => options.directory?.prepare(actor),
    roleOf: (actor, cluster) => grantOf(actor, cluster)?.role,
    grantOf,
    grantsOf,
    groupsOf,
    userOf,
    users,
    require(actor, cluster, needed, use) {
      const grant = grantOf(actor, cluster);
      if (!grant || !roleAtLeast(grant.role, needed)) {
        const known = userOf(actor) !== undefined || groupsOf(actor).length > 0;
        const detail = known
          ? undefined
          : `I don't know ${actor.name} (${actor.platform} id ${actor.id}); ask an admin to add you to the bot's users or to a group it maps. Until then only \`help\` works.`;
        throw new AccessDeniedError(actor.name, needed, cluster, detail);
      }
      if (use && options.rules?.length) {
        const verdict = evaluateRules(options.rules, { cluster, ...use }, { userName: userOf(actor)?.name, groups: groupsOf(actor) });
        if (!verdict.allowed) throw new AccessDeniedError(actor.name, needed, cluster, `${actor.name} may not do that: ${verdict.reason}.`);
      }
      return grant;
    },
  };
}
