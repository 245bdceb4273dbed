/**
 * Groups from Entra ID through Microsoft Graph with the app's own credentials, against a local
 * stand-in for the token endpoint and Graph on real HTTP: transitive groups across pages, one
 * token for many lookups, and failures that name the source but never the secret.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor } from '../../src/core/chat.js';
import { GroupSourceError } from '../../src/directory/errors.js';
import { createEntraGroupSource } from '../../src/directory/entra-source.js';

const ALICE = '11111111-2222-3333-4444-555555555555';
const BOB = '99999999-8888-7777-6666-555555555555';
const SECRET = 'entra-client-secret-7c1f';
const teams = (id: string): Actor => ({ platform: 'teams', id, name: id });

interface Seen {
  tokens: number;
  graph: string[];
  form?: URLSearchParams;
  fail?: number;
}

async function fakeEntra(seen: Seen) {
  const groups: Record<string, { id: string; displayName: string }[]> = {
    [ALICE]: [
      { id: 'g-ops', displayName: 'Cluster Operators' },
      { id: 'g-all', displayName: 'All Staff' },
      { id: 'g-hv', displayName: 'Hyper-V Administrators' },
    ],
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/tenant-1/oauth2/v2.0/token') {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      seen.tokens++;
      seen.form = new URLSearchParams(raw);
      if (seen.form.get('client_secret') !== SECRET) return send(401, { error: 'invalid_client' });
      return send(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'graph-token' });
    }
    seen.graph.push(url.pathname + url.search);
    if (seen.fail) return send(seen.fail, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } });
    if (req.headers.authorization !== 'Bearer graph-token') return send(401, { error: { code: 'InvalidAuthenticationToken' } });
    const m = /^\/v1\.0\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.group$/.exec(url.pathname);
    if (!m) return send(404, { error: { code: 'Request_ResourceNotFound' } });
    const all = groups[m[1]!] ?? [];
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const page = all.slice(skip, skip + 2);
    const next = skip + 2 < all.length ? `http://127.0.0.1:${(server.address() as AddressInfo).port}${url.pathname}?$skiptoken=${skip + 2}` : undefined;
    return send(200, { value: page, ...(next ? { '@odata.nextLink': next } : {}) });
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let seen: Seen;
let fake: Awaited<ReturnType<typeof fakeEntra>>;
beforeEach(async () => {
  seen = { tokens: 0, graph: [] };
  fake = await fakeEntra(seen);
});
afterEach(() => fake.close());

const source = (clientSecret = SECRET) =>
  createEntraGroupSource({ tenantId: 'tenant-1', clientId: 'app-1', clientSecret, graphUrl: fake.base, loginUrl: fake.base, timeoutMs: 2000 });

test('transitive groups across pages, by display name and object id, with one token for many lookups', async () => {
  const entra = source();
  const groups = await entra.groupsOf(teams(ALICE));
  expect(groups).toEqual(['g-ops', 'Cluster Operators', 'g-all', 'All Staff', 'g-hv', 'Hyper-V Administrators']);
  expect(await entra.groupsOf(teams(BOB))).toEqual([]);
  expect(seen.tokens).toBe(1);
  expect(seen.form?.get('grant_type')).toBe('client_credentials');
  expect(seen.form?.get('scope')).toBe(`${fake.base}/.default`);
  expect(seen.graph).toHaveLength(3); // two pages for alice, one for bob
});

test('only Teams identities that are Entra object ids are looked up', async () => {
  const entra = source();
  expect(await entra.groupsOf({ platform: 'slack', id: 'U123', name: 'x' })).toEqual([]);
  expect(await entra.groupsOf(teams('../../groups'))).toEqual([]);
  expect(seen.graph).toEqual([]);
});

test('a refused secret and a denied Graph call are GroupSourceErrors that never show the secret', async () => {
  const refused = await source('wrong-secret').groupsOf(teams(ALICE)).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(GroupSourceError);
  expect((refused as Error).message).toMatch(/entra at http:\/\/127\.0\.0\.1:\d+ did not answer: HTTP 401/);
  expect((refused as Error).message).not.toContain('wrong-secret');
  seen.fail = 403;
  const denied = await source().groupsOf(teams(ALICE)).catch((e: unknown) => e);
  expect((denied as Error).message).toMatch(/HTTP 403 Authorization_RequestDenied/);
});
