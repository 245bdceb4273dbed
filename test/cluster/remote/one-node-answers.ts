/**
 * What a one-node cluster (node1) answers to the scripts that find where an operation runs
 * (list-nodes, find-vm-host, get-node-host, get-migration-jobs), for fakes at the network edge
 * whose tests are about another script: the bot still runs those first, on the entry node.
 */
import type { ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { identifyClusterScript } from '../../../src/cluster/scripts/index.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { decodePowerShellCommand, parseScriptInvocation } from '../../../src/remoting/powershell/index.js';

export const oneNodeAnswers: Readonly<Partial<Record<ClusterScriptName, string>>> = {
  'list-nodes': '[{"name":"node1","id":"1","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":null}]',
  'find-vm-host': '{"owner":"node1","ownerState":"Up","upNodes":["node1"]}',
  'get-node-host': '{"memoryTotalMB":65536,"memoryFreeMB":32768,"hostMigrationLimit":2,"migrationPerformance":"Compression"}',
  'get-migration-jobs': '{"jobs":[],"lastJob":null}',
};

/** The script a command runs, by its exact body. */
export function scriptOf(...[executable, args, options]: Parameters<CommandRunner['run']>): ClusterScriptName | undefined {
  return identifyClusterScript(parseScriptInvocation(decodePowerShellCommand(executable, args, options?.stdin).script).body);
}

/** `run`, except that the locating scripts other than `own` get the one-node answers. */
export function withOneNodeAnswers(run: CommandRunner['run'], own: readonly ClusterScriptName[] = []): CommandRunner['run'] {
  return async (...call) => {
    const script = scriptOf(...call);
    const answer = script === undefined || own.includes(script) ? undefined : oneNodeAnswers[script];
    if (answer !== undefined) return { stdout: Buffer.from(answer, 'utf8'), stderr: Buffer.alloc(0), exitCode: 0 };
    return run(...call);
  };
}
