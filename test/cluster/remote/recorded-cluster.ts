/**
 * A RemoteCluster whose network edge answers each recognised script with recorded-shape output
 * (stdout as a Windows PowerShell 5.1 node prints it, or CLIXML error records with exit code 1),
 * and records the arguments each script was given. The scripts that find where an operation runs
 * answer as a one-node cluster unless the test records them.
 */
import type { ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { identifyClusterScript } from '../../../src/cluster/scripts/index.js';
import { createRemoteCluster } from '../../../src/cluster/remote/index.js';
import { oneNodeAnswers } from './one-node-answers.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { CommandResult, CommandRunner } from '../../../src/remoting/command-runner.js';
import {
  createPowerShellRunner, decodePowerShellCommand, encodeClixmlError, parseScriptInvocation, type ArgumentValue, type PowerShellErrorRecord,
} from '../../../src/remoting/powershell/index.js';

export type Answer = string | PowerShellErrorRecord[];
export type Answers = Partial<Record<ClusterScriptName, Answer>>;

export interface RecordedCall {
  script: ClusterScriptName | undefined;
  args: Readonly<Record<string, ArgumentValue>>;
}

export function recordedCluster(answers: Answers) {
  const calls: RecordedCall[] = [];
  const runner: CommandRunner = {
    async run(executable, args, options): Promise<CommandResult> {
      const invocation = parseScriptInvocation(decodePowerShellCommand(executable, args, options?.stdin).script);
      const script = identifyClusterScript(invocation.body);
      const own = script === undefined ? undefined : answers[script];
      // The one-node answers are the scenery; the calls list what the test recorded answers for.
      if (own !== undefined || script === undefined || oneNodeAnswers[script] === undefined) calls.push({ script, args: invocation.args });
      const answer = script === undefined ? undefined : own ?? oneNodeAnswers[script];
      if (answer === undefined) throw new Error(`no recorded answer for ${script ?? 'an unknown script'}`);
      if (typeof answer === 'string') return { stdout: Buffer.from(answer, 'utf8'), stderr: Buffer.alloc(0), exitCode: 0 };
      return { stdout: Buffer.alloc(0), stderr: Buffer.from(encodeClixmlError(answer), 'utf8'), exitCode: 1 };
    },
    async close() {},
  };
  const cluster = createRemoteCluster({ name: 'recorded', powershell: createPowerShellRunner(runner), clock: createVirtualClock() });
  return { cluster, calls };
}

/** An error record as a cmdlet (or the scripts' New-ChatOpsError) raises it. */
export function errorRecord(message: string, fullyQualifiedErrorId: string, targetName = ''): PowerShellErrorRecord {
  return { message, category: 'NotSpecified', fullyQualifiedErrorId, targetName, targetType: 'String', activity: '', reason: 'InvalidOperationException' };
}
