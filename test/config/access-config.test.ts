/** Bad access and directory configuration is a clear error naming the entry; nothing silently grants a role. */
import { ConfigError, parseConfig } from '../../src/config/load-config.js';

const base = { clusters: [{ name: 'prod-a', kind: 'simulated' }], users: [{ name: 'alice', console: 'alice', roles: { '*': 'operator' } }] };
const problems = (extra: Record<string, unknown>) => {
  try {
    parseConfig({ ...base, ...extra }, 'test.json');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [...error.problems];
  }
};
const ldap = { url: 'ldaps://dc1.corp.example', bindDn: 'svc@corp.example', passwordEnv: 'HYPERV_LDAP_PASSWORD', baseDn: 'DC=corp,DC=example' };

test('a group without a source prefix, or from a source not configured, is named', () => {
  expect(problems({ access: { groups: [{ group: 'Hyper-V Administrators', roles: { '*': 'approver' } }] } })).toEqual([
    expect.stringMatching(/^access\.groups\.0\.group: a group is written source:name/),
  ]);
  expect(problems({ access: { groups: [{ group: 'entra:Cluster Ops', roles: { '*': 'approver' } }] }, directory: { ldap } })).toEqual([
    'access.groups.0.group: entra:Cluster Ops names the group source "entra", which is not configured (directory.entra)',
  ]);
});

test('rules and grants naming unknown clusters or users are errors', () => {
  expect(
    problems({
      directory: { ldap },
      access: { groups: [{ group: 'ldap:Ops', roles: { 'prod-b': 'operator' } }], rules: [{ effect: 'deny', commands: ['drain'], users: ['mallory'], clusters: ['prod-c'] }] },
    }),
  ).toEqual(['access.groups.0.roles: no cluster named prod-b', 'access.rules.0.clusters: no cluster named prod-c', 'access.rules.0.users: no user named mallory']);
});

test('a malformed rule is refused with the field named', () => {
  expect(problems({ access: { rules: [{ effect: 'maybe', commands: ['drain'] }] } })[0]).toMatch(/^access\.rules\.0\.effect:/);
  expect(problems({ access: { rules: [{ effect: 'deny', commands: ['drain'] }] } })[0]).toMatch(/a deny rule names the groups, users or conversations/);
  expect(problems({ access: { rules: [{ effect: 'allow', commands: [] }] } })[0]).toMatch(/^access\.rules\.0\.commands:/);
});

test('an LDAP bind password never crosses the network in clear', () => {
  expect(problems({ directory: { ldap: { ...ldap, url: 'ldap://dc1.corp.example' } } })[0]).toMatch(/use ldaps:\/\/ or startTls: true/);
  expect(problems({ directory: { ldap: { ...ldap, url: 'ldap://dc1.corp.example', startTls: true } } })).toEqual([]);
});
