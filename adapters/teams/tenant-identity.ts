/**
 * @module teams/tenant-identity: who a Teams sender is, within the tenant the activity was
 * admitted from. An AAD object id names a person only in their own tenant: a configured
 * person is recognised only when the activity comes from the tenant configured for them,
 * and someone not configured is looked up in the group directory only when the activity
 * comes from the directory's tenant. Anyone else gets an id no configuration can hold, so
 * every access check refuses them.
 */
import type { ChannelAccount } from 'botbuilder';
import { tenantKey } from './activity-admission.js';

export interface TeamsIdentities {
  /** Configured people: AAD object id → their tenant; undefined only when no tenants are configured. */
  people: ReadonlyMap<string, string | undefined>;
  /** The tenant whose directory answers group lookups (directory.entra); absent: no such directory. */
  directoryTenant?: string;
}

export const NO_IDENTITIES: TeamsIdentities = { people: new Map() };

/** The actor id for this sender in this tenant: their AAD object id, or an `unverified:` id. */
export function identify(from: Partial<ChannelAccount> | undefined, tenant: string | undefined, ids: TeamsIdentities): string {
  const aad = typeof from?.aadObjectId === 'string' ? from.aadObjectId.trim() : '';
  const unverified = `unverified:${tenant ?? '-'}:${aad || String(from?.id ?? '')}`;
  if (!aad) return unverified;
  const here = tenant === undefined ? undefined : tenantKey(tenant);
  if (ids.people.has(aad)) {
    const bound = ids.people.get(aad);
    return bound === undefined || tenantKey(bound) === here ? aad : unverified;
  }
  if (ids.directoryTenant !== undefined && tenantKey(ids.directoryTenant) !== here) return unverified;
  return aad;
}
