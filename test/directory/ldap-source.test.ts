/**
 * Groups from a real OpenLDAP (Debian's slapd) over LDAPS with a test CA: nested groups, a
 * disabled account, nobody, a forged e-mail, hostile filter values, unicode names, and the
 * directory down at start and later.
 */
import { Attribute, Change } from 'ldapts';
import type { Actor } from '../../src/core/chat.js';
import { createLdapGroupSource, type LdapSourceOptions } from '../../src/directory/ldap-source.js';
import { GroupSourceError } from '../../src/directory/errors.js';
import { escapeFilterValue, userFilter } from '../../src/directory/ldap-filter.js';
import { checkNamedGroups } from '../../src/core/group-check.js';
import { SERVICE_DN, SERVICE_PASSWORD, SUFFIX, startSlapd, type Slapd } from '../support/slapd.js';
import { groupDn, dnOf, seedTree } from '../support/directory-tree.js';

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd();
  const admin = await slapd.admin();
  await seedTree(admin);
  await admin.unbind();
}, 30_000);
afterAll(() => slapd?.stop());

const emails: Record<string, string> = { UALICE: 'alice@corp.example', UBOB: 'BOB@corp.example', UFORGED: 'ceo@corp.example', UHOSTILE: '*)(mail=*' };
const profiles = { emailOf: async (a: Actor) => emails[a.id] };
const options = (more: Partial<LdapSourceOptions> = {}): LdapSourceOptions => ({
  url: slapd.ldapsUrl, bindDn: SERVICE_DN, password: SERVICE_PASSWORD, baseDn: SUFFIX, flavor: 'ldap', caFile: slapd.caFile, timeoutMs: 3000, profiles, ...more,
});
const consoleUser = (id: string): Actor => ({ platform: 'console', id, name: id });
const slackUser = (id: string): Actor => ({ platform: 'slack', id, name: id });

test('nested groups: bob is in Cluster Approvers, and through it in Hyper-V Administrators', async () => {
  const source = createLdapGroupSource(options());
  expect([...(await source.groupsOf(consoleUser('bob')))].sort()).toEqual(['Cluster Approvers', 'Hyper-V Administrators']);
});

test('a Slack user is found by the e-mail on their profile, case-insensitively', async () => {
  const source = createLdapGroupSource(options());
  expect(await source.groupsOf(slackUser('UALICE'))).toEqual(['Cluster Operators']);
  expect([...(await source.groupsOf(slackUser('UBOB')))].sort()).toEqual(['Cluster Approvers', 'Hyper-V Administrators']);
});

test('a disabled account, a person in no group, and a forged e-mail hold no group', async () => {
  const source = createLdapGroupSource(options());
  expect(await source.groupsOf(consoleUser('carol'))).toEqual([]);
  expect(await source.groupsOf(consoleUser('dave'))).toEqual([]);
  expect(await source.groupsOf(slackUser('UFORGED'))).toEqual([]);
  expect(await source.groupsOf(slackUser('UNOEMAIL'))).toEqual([]);
});

test('a filter value from a profile stays a literal: `*)(mail=*` matches nobody', async () => {
  expect(escapeFilterValue('*)(mail=*')).toBe('\\2a\\29\\28mail=\\2a');
  expect(escapeFilterValue('a\\b\u0000')).toBe('a\\5cb\\00');
  expect(userFilter({ kind: 'email', value: '*' })).toContain('(mail=\\2a)');
  const source = createLdapGroupSource(options());
  expect(await source.groupsOf(slackUser('UHOSTILE'))).toEqual([]);
  expect(await source.groupsOf(consoleUser('*'))).toEqual([]);
});

test('unicode account and group names', async () => {
  const source = createLdapGroupSource(options());
  expect([...(await source.groupsOf(consoleUser('zoë')))].sort()).toEqual(['Cluster Operators', 'Zürich Team (ops)']);
});

test('someone removed from a group no longer holds it at the next lookup', async () => {
  const admin = await slapd.admin();
  const source = createLdapGroupSource(options());
  expect(await source.groupsOf(consoleUser('alice'))).toEqual(['Cluster Operators']);
  await admin.modify(groupDn('Cluster Operators'), [new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [dnOf('Alice Ops')] }) })]);
  expect(await source.groupsOf(consoleUser('alice'))).toEqual([]);
  await admin.modify(groupDn('Cluster Operators'), [new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [dnOf('Alice Ops')] }) })]);
  await admin.unbind();
});

test('a wrong service password, a CA that did not sign the certificate, and a closed port are GroupSourceErrors without the password', async () => {
  const wrongPassword = await createLdapGroupSource(options({ password: 'not-it' })).groupsOf(consoleUser('bob')).catch((e: unknown) => e);
  expect(wrongPassword).toBeInstanceOf(GroupSourceError);
  expect(String((wrongPassword as Error).message)).toMatch(/ldap at ldaps:\/\/127\.0\.0\.1:\d+ did not answer: .*(credentials|49)/i);
  expect(String((wrongPassword as Error).message)).not.toContain('not-it');
  const untrusted = await createLdapGroupSource(options({ caFile: undefined })).groupsOf(consoleUser('bob')).catch((e: unknown) => e);
  expect(untrusted).toBeInstanceOf(GroupSourceError);
  expect(String((untrusted as Error).message)).toMatch(/certificate/i);
  const closed = await createLdapGroupSource(options({ url: 'ldaps://127.0.0.1:1' })).groupsOf(consoleUser('bob')).catch((e: unknown) => e);
  expect(closed).toBeInstanceOf(GroupSourceError);
  expect(String((closed as Error).message)).toMatch(/ECONNREFUSED/);
});

describe('the check at start', () => {
  test('names each group that does not exist, has no members, or could not be checked, by its config entry', async () => {
    const admin = await slapd.admin();
    await admin.add(`cn=Empty Group,ou=groups,${SUFFIX}`, { objectClass: 'groupOfNames', cn: 'Empty Group', member: [''] }).catch(() => undefined);
    await admin.unbind();
    const named = [
      { path: 'access.groups.0.group', group: 'ldap:Cluster Operators' },
      { path: 'access.groups.1.group', group: 'ldap:Hyper-V Admins' },
      { path: 'access.rules.0.groups.0', group: 'ldap:*' },
    ];
    expect(await checkNamedGroups([createLdapGroupSource(options())], named)).toEqual([
      'access.groups.1.group: ldap:Hyper-V Admins does not exist in ldap; it grants nothing',
      'access.rules.0.groups.0: ldap:* does not exist in ldap; it grants nothing',
    ]);
    const down = await checkNamedGroups([createLdapGroupSource(options({ url: 'ldaps://127.0.0.1:1' }))], named);
    expect(down).toHaveLength(3);
    expect(down[0]).toMatch(/^access\.groups\.0\.group: ldap:Cluster Operators could not be checked: ldap at ldaps:\/\/127\.0\.0\.1:1 did not answer/);
  });
});
