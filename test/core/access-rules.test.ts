/**
 * Per-command and per-conversation rules on top of roles: the precedence table. Roles always
 * apply; a deny wins over everything; allow rules restrict a command to whom (and where) they list.
 */
import { createAccess, type GroupGrant, type UserEntry } from '../../src/core/access.js';
import type { AccessRule } from '../../src/core/access-rules.js';
import type { Actor, Where } from '../../src/core/chat.js';
import { AccessDeniedError } from '../../src/core/errors.js';
import type { GroupRef } from '../../src/core/groups.js';

const OPS: Where = { platform: 'slack', conversation: 'COPS' };
const RANDOM: Where = { platform: 'slack', conversation: 'CRANDOM' };
const actor = (id: string): Actor => ({ platform: 'slack', id, name: id });

const memberships: Record<string, GroupRef[]> = {
  USENIOR: [{ source: 'ldap', group: 'Senior Ops' }, { source: 'ldap', group: 'Hyper-V Operators' }],
  UJUNIOR: [{ source: 'ldap', group: 'Hyper-V Operators' }],
  UCONTRACTOR: [{ source: 'ldap', group: 'Hyper-V Operators' }, { source: 'ldap', group: 'Contractors' }],
  UADMIN: [{ source: 'ldap', group: 'Hyper-V Administrators' }, { source: 'ldap', group: 'Contractors' }],
};
const groups: GroupGrant[] = [
  { group: 'ldap:Hyper-V Operators', roles: { '*': 'operator' } },
  { group: 'ldap:Hyper-V Administrators', roles: { '*': 'admin' } },
];
const users: UserEntry[] = [{ name: 'vera', ids: { slack: 'UVERA' }, roles: { 'prod-a': 'viewer' } }];
const rules: AccessRule[] = [
  { effect: 'deny', commands: ['drain'], groups: ['ldap:Contractors'], clusters: ['prod-a'] },
  { effect: 'allow', risks: ['disruptive'], groups: ['ldap:Senior Ops'], clusters: ['prod-a'] },
  { effect: 'allow', commands: ['validate'], conversations: [{ platform: 'slack', conversation: 'COPS' }] },
];
const directory = { prepare: async () => undefined, groupsOf: (a: Actor) => memberships[a.id] ?? [] };
const access = createAccess(users, { groups, rules, directory });

/** [who, cluster, command, risk, where, outcome] */
const table: [string, string, string, 'read' | 'change' | 'disruptive', Where, 'allowed' | RegExp][] = [
  ['UJUNIOR', 'prod-a', 'migrate', 'change', OPS, 'allowed'], // no rule covers it: the role decides
  ['UJUNIOR', 'prod-a', 'drain', 'disruptive', OPS, /allowed only to the groups/], // an allow for disruptive lists Senior Ops only
  ['USENIOR', 'prod-a', 'drain', 'disruptive', OPS, 'allowed'], // matches the allow rule
  ['UJUNIOR', 'rehearsal', 'drain', 'disruptive', OPS, 'allowed'], // the rules name prod-a only
  ['UCONTRACTOR', 'prod-a', 'drain', 'disruptive', OPS, /a rule denies `drain`/], // deny wins
  ['UADMIN', 'prod-a', 'drain', 'disruptive', OPS, /a rule denies `drain`/], // deny wins over the admin role too
  ['UCONTRACTOR', 'prod-a', 'migrate', 'change', OPS, 'allowed'], // the deny names drain only
  ['UJUNIOR', 'prod-a', 'validate', 'read', OPS, 'allowed'], // validate is bound to #ops
  ['UJUNIOR', 'prod-a', 'validate', 'read', RANDOM, /only in the conversations/],
  ['USTRANGER', 'prod-a', 'vms', 'read', OPS, /I don't know USTRANGER/], // no entry, no group: nothing
];

test.each(table)('%s on %s: %s (%s) in %o → %s', (who, cluster, command, risk, where, outcome) => {
  const needed = risk === 'read' ? 'viewer' : 'operator';
  const run = () => access.require(actor(who), cluster, needed, { command, risk, where });
  if (outcome === 'allowed') expect(run()).toMatchObject({ role: expect.any(String) });
  else {
    expect(run).toThrow(AccessDeniedError);
    expect(run).toThrow(outcome);
  }
});

test('a rule never grants more than the role: an allowed viewer still cannot request a change', () => {
  expect(() => access.require(actor('UVERA'), 'prod-a', 'operator', { command: 'validate', risk: 'read', where: OPS })).toThrow(/needs the operator role/);
});

test('the highest role wins and says where it came from', () => {
  const both = createAccess([{ name: 'ann', ids: { slack: 'UADMIN' }, roles: { '*': 'viewer' } }], { groups, directory });
  expect(both.grantOf(actor('UADMIN'), 'prod-a')).toEqual({ role: 'admin', via: { kind: 'group', group: 'ldap:Hyper-V Administrators' } });
  expect(both.grantsOf(actor('UADMIN'), 'prod-a').map((g) => g.role)).toEqual(['admin', 'viewer']);
  expect(both.grantOf(actor('UNOBODY'), 'prod-a')).toBeUndefined();
});

test('group names match case-insensitively, sources must match exactly', () => {
  const other = createAccess([], { groups: [{ group: 'LDAP:hyper-v operators', roles: { '*': 'operator' } }], directory });
  expect(other.roleOf(actor('UJUNIOR'), 'prod-a')).toBeUndefined(); // 'LDAP' is not the source 'ldap'
  const same = createAccess([], { groups: [{ group: 'ldap:HYPER-V OPERATORS', roles: { '*': 'operator' } }], directory });
  expect(same.roleOf(actor('UJUNIOR'), 'prod-a')).toBe('operator');
});
