/**
 * @module access: who may do what on which cluster. Roles are ordered; a user with no
 * entry, or no role on that cluster, can do nothing but `help`. Every check fails closed.
 */
import type { Actor } from './chat.js';
import { AccessDeniedError } from './errors.js';

export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UserEntry {
  name: string;
  /** Platform identities: { console: 'alice', slack: 'U012AB3CD', teams: '<AAD object id>' }. */
  ids: Record<string, string>;
  /** Role per cluster; '*' applies to every cluster without its own entry. */
  roles: Record<string, Role>;
}

export interface Access {
  roleOf(actor: Actor, cluster: string): Role | undefined;
  /** Throws AccessDeniedError unless the actor has at least `needed` on the cluster. */
  require(actor: Actor, cluster: string, needed: Role): Role;
  /** The configured user for an actor, if any. */
  userOf(actor: Actor): UserEntry | undefined;
}

export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  if (!role) return false;
  const have = ROLES.indexOf(role);
  const want = ROLES.indexOf(needed);
  return have >= 0 && want >= 0 && have >= want;
}

export function createAccess(users: readonly UserEntry[]): Access {
  const byIdentity = new Map<string, UserEntry>();
  for (const user of users) {
    for (const [platform, id] of Object.entries(user.ids)) byIdentity.set(`${platform}\u0000${id}`, user);
  }
  const userOf = (actor: Actor) => byIdentity.get(`${actor.platform}\u0000${actor.id}`);
  const roleOf = (actor: Actor, cluster: string): Role | undefined => {
    const user = userOf(actor);
    if (!user) return undefined;
    const role = Object.hasOwn(user.roles, cluster) ? user.roles[cluster] : user.roles['*'];
    return role && (ROLES as readonly string[]).includes(role) ? role : undefined;
  };
  return {
    roleOf,
    userOf,
    require(actor, cluster, needed) {
      const role = roleOf(actor, cluster);
      if (!roleAtLeast(role, needed)) {
        const detail = userOf(actor)
          ? undefined
          : `I don't know ${actor.name} (${actor.platform} id ${actor.id}); ask an admin to add you to the bot's users. Until then only \`help\` works.`;
        throw new AccessDeniedError(actor.name, needed, cluster, detail);
      }
      return role!;
    },
  };
}
