/**
 * @module cluster/remote/psrp-operations: the cluster operations over PSRP. Each script is the
 * HyperVChatOps module's function of the same name (src/cluster/jea), called by name in a warm
 * runspace pool with its arguments as CLIXML parameters: no script text travels. The values are
 * checked by the same rules as WinRS's quoting (renderArgument refuses what it would refuse), so
 * both transports accept and refuse the same input. A failed function becomes a PowerShellError
 * with its error record, which RemoteCluster maps by error id as it does for WinRS; a function the
 * endpoint does not expose is a ClusterError that names it.
 */
import { ClusterError } from '../errors.js';
import { jeaFunctionNames } from '../jea/function-names.js';
import { InvalidParameterNameError, PowerShellError, renderArgument, type ArgumentValue } from '../../remoting/powershell/index.js';
import { PipelineFailedError, type PsrpClient } from '../../remoting/psrp/index.js';
import { toPlain } from '../../remoting/psrp/clixml/value.js';
import type { PsErrorRecord } from '../../remoting/psrp/records.js';
import type { ClusterOperationRunner } from './operation-runner.js';

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Error ids PowerShell gives a command the session does not have. */
const NOT_FOUND = /^CommandNotFoundException(,|$)/;

function checked(args: Readonly<Record<string, ArgumentValue>>): Record<string, ArgumentValue> {
  for (const [name, value] of Object.entries(args)) {
    if (!PARAMETER_NAME.test(name)) throw new InvalidParameterNameError(name);
    renderArgument(value);
  }
  return { ...args };
}

function toRecord(record: PsErrorRecord): PowerShellError['errorRecords'][number] {
  return {
    message: record.message,
    ...(record.category ? { category: record.category } : {}),
    ...(record.fullyQualifiedErrorId ? { fullyQualifiedErrorId: record.fullyQualifiedErrorId } : {}),
    ...(record.targetName ? { targetName: record.targetName } : {}),
    ...(record.reason ? { reason: record.reason } : {}),
  };
}

function asText(value: unknown): string {
  const plain = toPlain(value as Parameters<typeof toPlain>[0]);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}

export interface PsrpOperationOptions {
  readonly client: Pick<PsrpClient, 'invoke'>;
  /** The endpoint, for messages (`http://node1:5985/wsman` as HyperVChatOps). */
  readonly endpoint?: string;
}

export function createPsrpOperationRunner(options: PsrpOperationOptions): ClusterOperationRunner {
  const { client } = options;
  return {
    transport: 'psrp',
    async run(script, args, runOptions = {}) {
      const name = jeaFunctionNames[script];
      const parameters = checked(args);
      try {
        const result = await client.invoke({ name, parameters }, runOptions);
        return {
          stdout: result.output.map(asText).join('\n'),
          warnings: [...result.warnings, ...result.errors.map((e) => e.message)],
        };
      } catch (error) {
        if (!(error instanceof PipelineFailedError)) throw error;
        if (error.errorId !== undefined && NOT_FOUND.test(error.errorId)) {
          throw new ClusterError('operation-failed',
            `The PowerShell endpoint${options.endpoint ? ` ${options.endpoint}` : ''} does not expose ${name}, which the bot needs for ${script}: ` +
            'install the current HyperVChatOps module and role on the node (docs/jea.md).',
            { script, function: name, reason: 'function-missing' });
        }
        const reason = error.record ? toRecord(error.record) : { message: error.reason, ...(error.errorId ? { fullyQualifiedErrorId: error.errorId } : {}) };
        // As WinRS's stderr has them: the errors the function wrote, then the one that ended it.
        const records = [...error.earlier.map(toRecord), reason];
        throw new PowerShellError(records[0]?.message ?? error.reason, 1, records);
      }
    },
  };
}
