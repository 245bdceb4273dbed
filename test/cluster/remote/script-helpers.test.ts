/**
 * What RemoteCluster puts on the wire for a script: the prelude's helpers that script calls, in
 * the same invocation before its block, and its body unchanged. The fake is at the network edge:
 * a CommandRunner that decodes the command as a Windows host would.
 */
import { createRemoteCluster } from '../../../src/cluster/remote/index.js';
import { clusterScript, clusterScriptHelpers, identifyClusterScript } from '../../../src/cluster/scripts/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createPowerShellRunner, decodePowerShellCommand, parseScriptInvocation, type ParsedInvocation } from '../../../src/remoting/powershell/index.js';

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
