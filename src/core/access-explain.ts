/**
 * @module access-explain: `whoami` and `whois`: a person's roles on every cluster and the entry
 * or group that granted each, so every decision can be explained.
 */
import { roleAtLeast, type Access, type Grant } from './access.js';
import type { Actor } from './chat.js';
import type { GroupRef } from './groups.js';

export interface AccessExplanation {
  person: Actor;
  /** The configured user entry's name, if the person has one. */
  entry?: string;
  groups: GroupRef[];
  clusters: { cluster: string; grants: Grant[] }[];
}

export interface PeopleView {
  /** The explanation for the actor, or for the person a mention or name points to. */
  explain(target?: string): Promise<AccessExplanation | undefined>;
}

/** For contexts with nobody to explain (a job's steps). */
export const noPeople: PeopleView = { explain: async () => undefined };

/** `<@U123>` or `<@U123|bob>` (Slack's mention syntax) → U123. */
const SLACK_MENTION = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/;

export function createPeopleView(access: Access, clusters: readonly string[], actor: Actor): PeopleView {
  const users = access.users;
  const resolve = (target: string): Actor | undefined => {
    const text = target.trim().replace(/^@/, '');
    const mention = SLACK_MENTION.exec(target.trim());
    if (mention) return { platform: actor.platform, id: mention[1]!, name: mention[1]! };
    const user = users.find((u) => u.name.toLowerCase() === text.toLowerCase());
    if (user) {
      const id = user.ids[actor.platform] ?? Object.values(user.ids)[0];
      const platform = user.ids[actor.platform] ? actor.platform : Object.keys(user.ids)[0];
      return id && platform ? { platform, id, name: user.name } : undefined;
    }
    return { platform: actor.platform, id: text, name: text };
  };
  return {
    async explain(target) {
      const person = target ? resolve(target) : actor;
      if (!person) return undefined;
      await access.prepare(person);
      const entry = access.userOf(person)?.name;
      return {
        person,
        ...(entry ? { entry } : {}),
        groups: access.groupsOf(person),
        // About someone else: only the clusters the asker may see themselves.
        clusters: clusters
          .filter((cluster) => !target || roleAtLeast(access.roleOf(actor, cluster), 'viewer'))
          .map((cluster) => ({ cluster, grants: access.grantsOf(person, cluster) })),
      };
    },
  };
}
