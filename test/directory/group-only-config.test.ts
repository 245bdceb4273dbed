/**
 * A configuration with group rules only (no people listed) runs the whole approval flow: roles
 * come from a real OpenLDAP over LDAPS (console people by account name) and, in Slack, from the
 * e-mail on each Slack profile and from Slack user groups. whoami/whois explain each grant, and
 * the audit log records why each person could act.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { commands } from '../../commands/index.js';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { runScript } from '../../adapters/console/script-runner.js';
import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildRuntime } from '../../src/main.js';
import { SERVICE_DN, SERVICE_PASSWORD, SUFFIX, startSlapd, type Slapd } from '../support/slapd.js';
import { seedTree } from '../support/directory-tree.js';
import { U, startHarness } from '../adapters/slack/slack-harness.js';

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd();
  const admin = await slapd.admin();
  await seedTree(admin);
  await admin.unbind();
}, 30_000);
afterAll(() => slapd?.stop());

const env = { HYPERV_LDAP_PASSWORD: SERVICE_PASSWORD };
const directory = () => ({ ldap: { url: slapd.ldapsUrl, bindDn: SERVICE_DN, passwordEnv: 'HYPERV_LDAP_PASSWORD', baseDn: SUFFIX, flavor: 'ldap', caFile: slapd.caFile } });
const access = {
  groups: [
    { group: 'ldap:Cluster Operators', roles: { '*': 'operator' } },
    { group: 'ldap:Hyper-V Administrators', roles: { '*': 'approver' } },
  ],
  rules: [{ effect: 'deny', commands: ['drain'], groups: ['ldap:Cluster Operators'] }],
};

test('console: requested by a group member, approved by a nested group member, refused to nobody', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'group-only-'));
  const config = parseConfig(
    { clusters: [{ name: 'demo', kind: 'simulated', transport: 'direct' }], users: [], access, directory: directory(), state: { file: 'memory', auditFile: join(dir, 'audit.jsonl') }, log: { level: 'silent' } },
    'group-only',
  );
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const adapter = createConsoleAdapter({ output, defaultUser: 'alice', allowAs: true });
  const runtime = await buildRuntime({ config, clock: createVirtualClock(), adapters: [adapter], specs: commands, logger: silentLogger, env });
  await runtime.bot.start();
  const result = await runScript(
    ['migrate vm42 to node2', 'as dave: approve 1', 'as carol: approve 1', 'as bob: approve 1', 'as bob: whoami', 'drain node3', 'whois bob'],
    adapter, runtime.bot, output, 'demo',
  );
  await runtime.stop();
  const entries = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; grant?: string });
  expect(text).toContain('#1 Live migration of vm42 (node1 → node2)');
  // In no group (dave), or disabled in the directory though in Cluster Approvers (carol): no role, so not even the request is shown.
  expect(text).toMatch(/dave@demo> approve 1\nbot \(only dave sees this\): No request named #1\./);
  expect(text).toMatch(/carol@demo> approve 1\nbot \(only carol sees this\): No request named #1\./);
  expect(text).toMatch(/✅ #1 vm42 is running on node2/);
  expect(text).toMatch(/demo +approver +approver \(group ldap:Hyper-V Administrators\)/);
  expect(text).toMatch(/Directory groups: ldap:Cluster Approvers, ldap:Hyper-V Administrators/);
  expect(text).toMatch(/alice may not do that: a rule denies `drain` on demo to you/);
  expect(result.refused.length).toBe(3);
  expect(entries.find((e) => e.event === 'requested')?.grant).toBe('operator (group ldap:Cluster Operators)');
  expect(entries.find((e) => e.event === 'approved')?.grant).toBe('approver (group ldap:Hyper-V Administrators)');
  expect(entries.find((e) => e.event === 'job-started')?.grant).toBe(
    'requested as operator (group ldap:Cluster Operators); approved by bob as approver (group ldap:Hyper-V Administrators)',
  );
});

test('slack: roles from the e-mail on the Slack profile and from a Slack user group', async () => {
  const h = await startHarness({
    users: [],
    env,
    extraConfig: {
      access: { groups: [...access.groups, { group: 'slack:hyperv-oncall', roles: { demo: 'operator' } }], rules: [] },
      directory: { ...directory(), slackGroups: true },
    },
    api: {
      people: { [U.alice]: { email: 'alice@corp.example' }, [U.bob]: { email: 'bob@corp.example' }, [U.stranger]: { email: 'ceo@corp.example' } },
      usergroups: [{ id: 'S0001', handle: 'hyperv-oncall', users: [U.dave] }],
    },
  });
  try {
    await h.command('migrate vm42 to node2', U.alice);
    await h.quiesce();
    const card = h.api.ok('chat.postMessage').find((c) => String(c.args.text).includes('#1 Live migration'));
    expect(card).toBeDefined();
    await h.command('approve 1', U.stranger); // a profile e-mail that matches nobody in the directory
    await h.command('vms', U.dave); // operator through the Slack user group
    await h.command('approve 1', U.bob);
    await h.quiesce();
    expect(await h.runtime.bot.stateOf(1)).toBe('succeeded');
    const ephemerals = h.api.ok('chat.postEphemeral').map((c) => String(c.args.text));
    expect(ephemerals).toContain('No request named #1.'); // the forged e-mail found no one: no role, no request shown
    expect(h.api.ok('chat.postMessage').some((c) => String(c.args.text).includes('vm42'))).toBe(true);
    expect(h.api.ok('users.info').map((c) => c.args.user)).toEqual(expect.arrayContaining([U.alice, U.bob, U.stranger]));
  } finally {
    await h.close();
  }
});
