/**
 * @module directory/ldap-source: groups from Active Directory or another LDAP directory, through
 * ldapts. The service account binds over LDAPS (or StartTLS); the person is found by e-mail
 * (Slack profiles), account name (console) or Entra object id (Teams, AD with Entra Connect);
 * a disabled account, or nobody found, holds no group. Nested groups: Active Directory resolves
 * them itself (LDAP_MATCHING_RULE_IN_CHAIN); elsewhere memberOf is followed level by level.
 */
import { readFileSync } from 'node:fs';
import { Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import type { Actor } from '../core/chat.js';
import type { GroupSource, ProfileLookup } from '../core/groups.js';
import { GroupSourceError } from './errors.js';
import { escapeFilterValue, groupsInChainFilter, userFilter, type DirectoryKey } from './ldap-filter.js';

export interface LdapSourceOptions {
  url: string;
  startTls?: boolean;
  bindDn: string;
  password: string;
  baseDn: string;
  flavor: 'ad' | 'ldap';
  caFile?: string;
  timeoutMs: number;
  /** The e-mail behind a Slack (or other chat) identity. */
  profiles?: ProfileLookup;
  /** How deep nested groups are followed without AD's in-chain rule. */
  maxDepth?: number;
}

const cnOf = (dn: string) => /^cn=((?:\\.|[^,])+)/i.exec(dn)?.[1]?.replace(/\\(.)/g, '$1') ?? dn;
const asArray = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** ldapts names result codes only by number (" Code: 0x31"): say what they mean. */
function reasonOf(error: unknown): string {
  if (error instanceof InvalidCredentialsError) return 'the service account was refused (invalid credentials, LDAP result 49)';
  if (error instanceof ResultCodeError) return `LDAP result ${error.code} (${error.name})`;
  return error instanceof Error ? error.message : String(error);
}

export function createLdapGroupSource(o: LdapSourceOptions): GroupSource {
  const tlsOptions = o.caFile ? { ca: [readFileSync(o.caFile)] } : {};
  const keyOf = async (actor: Actor): Promise<DirectoryKey | undefined> => {
    if (actor.platform === 'console') return { kind: 'account', value: actor.id };
    if (actor.platform === 'teams') return o.flavor === 'ad' ? { kind: 'entra-object-id', value: actor.id } : undefined;
    const email = await o.profiles?.emailOf(actor);
    return email ? { kind: 'email', value: email } : undefined;
  };

  const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ url: o.url, timeout: o.timeoutMs, connectTimeout: o.timeoutMs, tlsOptions });
    try {
      if (o.startTls) await client.startTLS(tlsOptions);
      await client.bind(o.bindDn, o.password);
      return await work(client);
    } catch (error) {
      throw new GroupSourceError('ldap', o.url, reasonOf(error));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };

  const nestedByMemberOf = async (client: Client, direct: string[]) => {
    const seen = new Map(direct.map((d) => [d.toLowerCase(), d]));
    let frontier = direct;
    for (let depth = 0; frontier.length && depth < (o.maxDepth ?? 16); depth++) {
      const next: string[] = [];
      for (const dn of frontier) {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['memberOf'] }).catch(() => ({ searchEntries: [] }));
        for (const parent of asArray(searchEntries[0]?.memberOf)) {
          if (!seen.has(parent.toLowerCase())) {
            seen.set(parent.toLowerCase(), parent);
            next.push(parent);
          }
        }
      }
      frontier = next;
    }
    return [...seen.values()];
  };

  return {
    name: 'ldap',
    describeGroup: (group) =>
      withClient(async (client) => {
        const filter = `(&(|(objectClass=group)(objectClass=groupOfNames))(cn=${escapeFilterValue(group)}))`;
        const { searchEntries } = await client.search(o.baseDn, { scope: 'sub', filter, attributes: ['member'], sizeLimit: 2 });
        if (!searchEntries.length) return 'missing';
        return asArray(searchEntries[0]!.member).length ? 'found' : 'empty';
      }),
    async groupsOf(actor) {
      const key = await keyOf(actor);
      if (!key) return [];
      return withClient(async (client) => {
        const { searchEntries } = await client.search(o.baseDn, { scope: 'sub', filter: userFilter(key), attributes: ['memberOf'], sizeLimit: 2 });
        // Nobody, or two people behind one e-mail: no groups rather than a guess.
        if (searchEntries.length !== 1) return [];
        const user = searchEntries[0]!;
        if (o.flavor === 'ad') {
          const groups = await client.search(o.baseDn, { scope: 'sub', filter: groupsInChainFilter(user.dn), attributes: ['cn'] });
          return groups.searchEntries.map((g) => String(g.cn ?? cnOf(g.dn)));
        }
        const dns = await nestedByMemberOf(client, asArray(user.memberOf));
        return dns.map(cnOf);
      });
    },
  };
}
