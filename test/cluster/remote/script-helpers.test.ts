/**
 * What RemoteCluster puts on the wire for a script: the prelude's helpers that script calls (their
 * code, without comment lines), in the same invocation before its block, and its body unchanged;
 * small enough that the short scripts still go inline. The fake is at the network edge: a
 * CommandRunner that decodes the command as a Windows host would.
 */
import { createRemoteCluster } from '../../../src/cluster/remote/index.js';
import { clusterScript, clusterScriptHelpers, identifyClusterScript, type ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import {
  buildScriptInvocation, createPowerShellRunner, decodePowerShellCommand, parseScriptInvocation, planPowerShellCommand, type ParsedInvocation,
} from '../../../src/remoting/powershell/index.js';

function recordingCluster(stdout: string) {
  const sent: ParsedInvocation[] = [];
  const runner: CommandRunner = {
    async run(executable, args, options) {
      sent.push(parseScriptInvocation(decodePowerShellCommand(executable, args, options?.stdin).script));
      return { stdout: Buffer.from(stdout, 'utf8'), stderr: Buffer.alloc(0), exitCode: 0 };
    },
    async close() {},
  };
  const cluster = createRemoteCluster({ name: 'wire', powershell: createPowerShellRunner(runner), clock: createVirtualClock() });
  return { cluster, sent };
}

test('a script goes with the helpers it calls, before its unchanged body', async () => {
  const { cluster, sent } = recordingCluster('{"name":"node2","state":"Paused","drainStatus":"NotInitiated"}');
  await cluster.pauseNode('node2');
  expect(sent).toHaveLength(1);
  expect(identifyClusterScript(sent[0]!.body)).toBe('pause-node');
  expect(sent[0]!.body).toBe(clusterScript('pause-node'));
  expect(sent[0]!.helpers).toBe(clusterScriptHelpers('pause-node'));
  expect([...sent[0]!.helpers.matchAll(/^function ([\w-]+) \{/gm)].map((m) => m[1])).toEqual(['New-ChatOpsError', 'Get-HResult']);
  expect(sent[0]!.args).toEqual({ Node: 'node2' });
});

test('a script that calls no helper goes alone', async () => {
  const { cluster, sent } = recordingCluster('[]');
  expect(await cluster.listVolumes()).toEqual([]);
  expect(sent.map((s) => [identifyClusterScript(s.body), s.helpers])).toEqual([['list-volumes', '']]);
});

/** The scripts that ran inline before they shared helpers, with typical arguments. */
const inline: ReadonlyArray<readonly [ClusterScriptName, Record<string, string>]> = [
  ['list-nodes', {}],
  ['list-vms', { Node: 'node2' }],
  ['get-vm', { Name: 'vm42' }],
  ['list-volumes', {}],
  ['list-checkpoints', { Vm: 'vm42' }],
  ['pause-node', { Node: 'node2' }],
  ['resume-node', { Node: 'node2', Failback: 'NoFailback' }],
  ['cancel-migration', { Vm: 'vm42' }],
];

test.each(inline)('%s still fits on the command line with its helpers (no WinRS Send, one round trip less)', (name, args) => {
  const command = planPowerShellCommand(buildScriptInvocation(clusterScript(name), args, clusterScriptHelpers(name)));
  expect(command.stdin).toBeUndefined();
});

test('the helpers go without their comment lines, which stay in prelude.ps1 for the reader', () => {
  const sent = clusterScriptHelpers('list-vms');
  expect(sent).toContain('function Get-PossibleOwners {\n  param($VmId)\n');
  expect(sent.split('\n').filter((line) => line.trim().startsWith('#'))).toEqual([]);
});
