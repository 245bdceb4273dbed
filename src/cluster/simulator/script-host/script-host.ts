/**
 * @module simulator/script-host/script-host: runs the project's cluster scripts against a
 * SimulatedCluster, as a CommandHost. It decodes the command (encoded command, or the stdin
 * bootstrap), reads the invocation with PowerShell's rules for literals (anything else is a parse
 * error), recognises the script by its exact text, binds its parameters, performs the operation
 * and answers with the JSON the script prints, or its error records and exit code 1. It never
 * evaluates anything it was sent.
 */
import type { Clock } from '../../clock.js';
import { ClusterError } from '../../errors.js';
import {
  decodePowerShellCommand, EncodedCommandError, InvocationParseError, parseScriptInvocation,
  type ArgumentValue, type ParsedInvocation,
} from '../../../remoting/powershell/index.js';
import { identifyClusterScript, type ClusterScriptName } from '../../scripts/index.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import {
  clusterErrorRecord, commandLineAnswer, errorAnswer, internalErrorRecord, jsonAnswer, parseErrorRecord, unknownScriptRecord,
} from './answers.js';
import type { CommandHost } from './command-host.js';
import { operations } from './operations.js';
import { bindParameters, ParameterBindingError } from './parameters.js';

/** A recognised script about to run, with its arguments exactly as they arrived. */
export interface HostedScript {
  readonly script: ClusterScriptName;
  readonly args: Readonly<Record<string, ArgumentValue>>;
  readonly via: 'encoded-command' | 'stdin';
}

export interface ScriptHostOptions {
  /**
   * The clock the cluster runs on. Gives running migration jobs their elapsed time and ends the
   * 5-minute listing of finished jobs; without it, finished jobs stay listed.
   */
  readonly clock?: Clock;
  /** Called for each recognised script before it runs (tests, the demo's log). Never gets the script text. */
  readonly onScript?: (run: HostedScript) => void;
}

export function createScriptHost(cluster: SimulatedCluster, options: ScriptHostOptions = {}): CommandHost {
  return {
    async run(executable, args, stdin) {
      let decoded: ReturnType<typeof decodePowerShellCommand>;
      try {
        decoded = decodePowerShellCommand(executable, args, stdin);
      } catch (error) {
        if (error instanceof EncodedCommandError) return commandLineAnswer(executable, error);
        throw error;
      }
      let invocation: ParsedInvocation;
      try {
        invocation = parseScriptInvocation(decoded.script);
      } catch (error) {
        if (!(error instanceof InvocationParseError)) throw error;
        return errorAnswer(error.code === 'not-an-invocation' ? unknownScriptRecord() : parseErrorRecord(decoded.script, error));
      }
      const script = identifyClusterScript(invocation.body);
      if (!script) return errorAnswer(unknownScriptRecord());
      options.onScript?.({ script, args: invocation.args, via: decoded.via });
      return perform(script, invocation.args);
    },
  };

  async function perform(script: ClusterScriptName, args: Readonly<Record<string, ArgumentValue>>) {
    try {
      const params = bindParameters(script, args);
      return jsonAnswer(await operations[script]({ cluster, clock: options.clock }, params));
    } catch (error) {
      if (error instanceof ParameterBindingError) return errorAnswer(error.record);
      if (error instanceof ClusterError) return errorAnswer(clusterErrorRecord(error));
      return errorAnswer(internalErrorRecord(error));
    }
  }
}
