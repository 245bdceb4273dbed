/**
 * @module simulator/script-host: the simulator's side of a WinRS command. `createScriptHost`
 * answers the project's cluster scripts from a SimulatedCluster (the WinRM server calls it per
 * command); `createLocalCommandRunner` runs a CommandHost in-process as a CommandRunner.
 */
export { createLocalCommandRunner, type CommandHost } from './command-host.js';
export { createScriptHost, type HostedScript, type ScriptHostOptions } from './script-host.js';
export { scriptParameters, bindParameters, ParameterBindingError, type ParameterSpec } from './parameters.js';
export { toPowerShellJson } from './answers.js';
export { JOB_RETENTION_MS } from './watch-snapshot.js';
