/**
 * @module teams/activity-admission: which authenticated activities the bot takes at all. The
 * Bot Framework token proves the Bot Connector sent the activity, not which organisation the
 * sender belongs to: that is the tenant the activity names. So an activity must come from
 * Teams (`channelId` msteams), name its tenant (channelData.tenant.id, the same as the
 * conversation's tenantId when both are given) and that tenant must be one configured
 * (`teams.tenants`). Without configured tenants (local tools, no credentials) any tenant is
 * taken, but the two places must still agree.
 */
import type { Activity } from 'botbuilder';
import { BOT_FRAMEWORK_ACTIVITY } from './constants.js';
import { RefusedActivityError } from './errors.js';

/** Tenant ids are GUIDs; compared without regard to case. */
export const tenantKey = (tenant: string) => tenant.trim().toLowerCase();

/** The tenant the activity comes from, once admitted; undefined only when no tenants are configured. */
export function admitActivity(activity: Partial<Activity>, tenants: ReadonlySet<string> | undefined): string | undefined {
  if (activity.channelId !== BOT_FRAMEWORK_ACTIVITY.channelId) throw new RefusedActivityError('channel', String(activity.channelId ?? '(none)').slice(0, 40));
  const fromChannelData = stringAt((activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id);
  const fromConversation = stringAt(activity.conversation?.tenantId);
  if (fromChannelData && fromConversation && tenantKey(fromChannelData) !== tenantKey(fromConversation)) {
    throw new RefusedActivityError('tenant-mismatch', `${fromChannelData.slice(0, 40)} / ${fromConversation.slice(0, 40)}`);
  }
  const tenant = fromChannelData ?? fromConversation;
  if (!tenants) return tenant === undefined ? undefined : tenantKey(tenant);
  if (tenant === undefined) throw new RefusedActivityError('no-tenant', '');
  if (!tenants.has(tenantKey(tenant))) throw new RefusedActivityError('foreign-tenant', tenant.slice(0, 40));
  return tenantKey(tenant);
}

function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
