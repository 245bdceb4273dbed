/**
 * @module directory/entra-source: groups from Entra ID for Teams users, through Microsoft Graph
 * with the app's own credentials (client credentials grant). Teams identifies people by their
 * Entra object id, so no matching is needed. Transitive membership
 * (`/users/{id}/transitiveMemberOf/microsoft.graph.group`, paged) resolves nested groups; each
 * group is named both by display name and by object id, so a rule may use either (ids are
 * unique, display names need not be).
 */
import type { GroupSource } from '../core/groups.js';
import { GroupSourceError } from './errors.js';

export interface EntraSourceOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphUrl: string;
  loginUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface Token {
  value: string;
  expiresAt: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createEntraGroupSource(o: EntraSourceOptions): GroupSource {
  const http = o.fetch ?? fetch;
  let token: Token | undefined;
  const fail = (reason: string) => new GroupSourceError('entra', o.graphUrl, reason);
  const call = async (url: string, init: RequestInit) => {
    const res = await http(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs) }).catch((error: unknown) => {
      throw fail(error instanceof Error ? error.message : String(error));
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw fail(`HTTP ${res.status}${typeof body.error === 'object' && body.error && 'code' in body.error ? ` ${String(body.error.code)}` : ''}`);
    return body;
  };
  const accessToken = async () => {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret, scope: `${o.graphUrl.replace(/\/$/, '')}/.default` });
    const body = await call(`${o.loginUrl.replace(/\/$/, '')}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    if (typeof body.access_token !== 'string') throw fail('the token endpoint answered without an access token');
    token = { value: body.access_token, expiresAt: Date.now() + Number(body.expires_in ?? 300) * 1000 };
    return token.value;
  };
  return {
    name: 'entra',
    async groupsOf(actor) {
      // Teams sends the Entra object id; anything else (a console name, a Slack id) is not an Entra user.
      if (actor.platform !== 'teams' || !GUID.test(actor.id)) return [];
      const names: string[] = [];
      let url: string | undefined = `${o.graphUrl.replace(/\/$/, '')}/v1.0/users/${actor.id}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName&$top=999`;
      for (let page = 0; url && page < 50; page++) {
        const body = await call(url, { headers: { authorization: `Bearer ${await accessToken()}` } });
        for (const g of (body.value as { id?: string; displayName?: string }[] | undefined) ?? []) {
          if (g.id) names.push(g.id);
          if (g.displayName) names.push(g.displayName);
        }
        url = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
      }
      return names;
    },
  };
}
