/**
 * Configuration fails closed: a role key that names no cluster, one platform id for two
 * people, a named config file that is missing, `as <user>:` outside the demo: each stops or
 * refuses with the field named, and the most specific role key always wins.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { commands } from '../../commands/index.js';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { runScript } from '../../adapters/console/script-runner.js';
import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import { ConfigError, demoConfig, loadConfig, parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildRuntime } from '../../src/main.js';

const temp = mkdtempSync(join(tmpdir(), 'hyperv-chatops-config-'));
const base = { clusters: [{ name: 'prod-a', kind: 'simulated', transport: 'direct' }, { name: 'rehearsal', kind: 'simulated', transport: 'direct' }], state: { file: 'memory', auditFile: 'memory' } };

function problemsOf(raw: unknown): readonly string[] {
  try {
    parseConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** Runs lines through the real console adapter and bot on `config`. */
async function session(config: Config, lines: string[]) {
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const adapter = createConsoleAdapter({ output, defaultUser: config.console.user, allowAs: config.console.allowAs });
  const runtime = await buildRuntime({ config, clock: createVirtualClock(), adapters: [adapter], specs: commands, logger: silentLogger });
  await runtime.bot.start();
  const result = await runScript(lines, adapter, runtime.bot, output, config.clusters[0]!.name);
  const requests = await runtime.bot.stateOf(1);
  await runtime.stop();
  return { text, result, requests };
}

test('a role key that names no configured cluster stops the bot, naming the key and the clusters', () => {
  const problems = problemsOf({ ...base, users: [{ name: 'alice', console: 'alice', roles: { 'prod-b': 'admin' } }] });
  expect(problems).toEqual([expect.stringMatching(/^users\.0\.roles\.prod-b: no cluster named prod-b; role keys name a configured cluster \(prod-a, rehearsal\) or "\*"/)]);
});

test('the same cluster given two roles in different case is an error, not a coin toss', () => {
  const problems = problemsOf({ ...base, users: [{ name: 'alice', console: 'alice', roles: { 'prod-a': 'viewer', 'PROD-A': 'admin' } }] });
  expect(problems).toEqual([expect.stringContaining('users.0.roles.PROD-A: prod-a is given a role twice')]);
});

test('one platform id listed for two people is an error naming both', () => {
  const problems = problemsOf({
    ...base,
    users: [
      { name: 'alice', slack: 'U0ALICE', roles: { '*': 'operator' } },
      { name: 'bob', slack: 'U0BOB', roles: { '*': 'approver' } },
      { name: 'mallory', slack: 'U0ALICE', roles: { '*': 'approver' } },
    ],
  });
  expect(problems).toEqual(['users.2.slack: the slack id U0ALICE is listed for both alice and mallory; one id belongs to one person']);
});

test('the most specific role key wins, however the cluster name is spelled in it', async () => {
  const config = parseConfig(
    { ...base, defaultCluster: 'prod-a', console: { user: 'erin' }, users: [{ name: 'erin', console: 'erin', roles: { '*': 'approver', 'PROD-A': 'viewer' } }] },
    'test.json',
  );
  const { text, result } = await session(config, ['migrate vm42 to node2', 'vms']);
  expect(text).toContain('erin needs the operator role on prod-a for that.');
  expect(result.refused).toEqual(['migrate vm42 to node2']);
});

test('`as <user>:` is refused at a configured console, and nothing runs', async () => {
  const config = parseConfig(
    {
      ...base,
      users: [
        { name: 'alice', console: 'alice', roles: { '*': 'operator' } },
        { name: 'bob', console: 'bob', roles: { '*': 'approver' } },
      ],
    },
    'test.json',
  );
  const { text, result, requests } = await session(config, ['migrate vm42 to node2', 'as bob: approve 1']);
  expect(text).toContain('`as bob:` is off here: this console acts as alice only. Nothing was run.');
  expect(result.refused).toEqual(['as bob: approve 1']);
  expect(requests).toBe('pending');
});

test('`as <user>:` works when the config enables it for the console, and in the demo', async () => {
  const config = parseConfig(
    {
      ...base,
      console: { user: 'alice', allowAs: true },
      users: [
        { name: 'alice', console: 'alice', roles: { '*': 'operator' } },
        { name: 'bob', console: 'bob', roles: { '*': 'approver' } },
      ],
    },
    'test.json',
  );
  const { result, requests } = await session(config, ['migrate vm42 to node2', 'as bob: approve 1']);
  expect(result.refused).toEqual([]);
  expect(requests).toBe('succeeded');
  expect(demoConfig().console.allowAs).toBe(true);
});

test('a config file named by HYPERV_CHATOPS_CONFIG that does not exist is an error, never the demo', async () => {
  const missing = join(temp, 'typo.json');
  await expect(loadConfig({ HYPERV_CHATOPS_CONFIG: missing }, temp)).rejects.toThrow(`The configuration in ${missing} is not valid:\n  - the file does not exist (named by HYPERV_CHATOPS_CONFIG)`);
  await expect(loadConfig({ HYPERV_CHATOPS_CONFIG: ' ' }, temp)).rejects.toThrow('the variable is set but empty');
  const unset = await loadConfig({}, temp);
  expect(unset.file).toBeUndefined();
  writeFileSync(join(temp, 'hyperv-chatops.config.json'), JSON.stringify(base));
  expect((await loadConfig({}, temp)).file).toBe(join(temp, 'hyperv-chatops.config.json'));
});
