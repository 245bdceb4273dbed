/**
 * @module slack/slack-directory: what Slack knows about people, for directory-based roles.
 * A person's e-mail (users.info, scope users:read.email) lets the bot find them in Active
 * Directory; Slack user groups (usergroups.list with their members, scope usergroups:read)
 * are a group source of their own, named by handle (`slack:hyperv-oncall`).
 * An e-mail Slack has not confirmed for the account (a bot, a deleted user) is not used.
 */
import type { Actor } from '../../src/core/chat.js';
import type { GroupSource, ProfileLookup } from '../../src/core/groups.js';
import { callSlack, type SlackWebClient } from './web-client.js';

export function createSlackProfileLookup(web: SlackWebClient): ProfileLookup {
  return {
    async emailOf(actor: Actor) {
      if (actor.platform !== 'slack') return undefined;
      const res = await callSlack('users.info', () => web.users.info({ user: actor.id }));
      const user = res.user;
      if (!user || user.deleted || user.is_bot || user.id !== actor.id) return undefined;
      return user.profile?.email?.trim() || undefined;
    },
  };
}

export function createSlackGroupSource(web: SlackWebClient): GroupSource {
  return {
    name: 'slack',
    async describeGroup(handle) {
      const res = await callSlack('usergroups.list', () => web.usergroups.list({ include_users: true, include_disabled: false }));
      const group = (res.usergroups ?? []).find((g) => !g.date_delete && (g.handle ?? '').toLowerCase() === handle.toLowerCase());
      return !group ? 'missing' : group.users?.length ? 'found' : 'empty';
    },
    async groupsOf(actor) {
      if (actor.platform !== 'slack') return [];
      const res = await callSlack('usergroups.list', () => web.usergroups.list({ include_users: true, include_disabled: false }));
      return (res.usergroups ?? []).filter((g) => !g.date_delete && (g.users ?? []).includes(actor.id)).map((g) => g.handle ?? g.name ?? g.id ?? '');
    },
  };
}
