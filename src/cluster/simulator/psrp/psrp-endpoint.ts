/**
 * @module simulator/psrp/psrp-endpoint: a simulated node's PowerShell remoting endpoint. Each
 * connection is a `pwsh -s` (PSRP over its standard streams, the out-of-process transport) with
 * the environment of the simulator's pwsh host (the fake cluster modules and their loopback
 * channel), built from the session configuration of the name asked for. A client's runspace pool
 * keeps its pwsh warm across commands, as a WinRM plugin keeps a real node's.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutOfProcessTransport, type OutOfProcessPsrpTransport } from '../../../remoting/psrp/index.js';
import { findPwsh, simulatorPwshEnvironment, type PwshCommand } from '../powershell/index.js';
import { endpointModulePath, FULL_CONFIGURATION, JEA_CONFIGURATION, writeJeaSessionFile } from './session-configuration.js';

export interface SimulatorPsrpOptions {
  /** The cmdlet service of startSimulatorPowerShell (the fakes' loopback channel). */
  readonly service: { readonly url: string; readonly secret: string };
  /** The node the session runs on ($env:COMPUTERNAME). */
  readonly computerName: string;
  /** `HyperVChatOps` (JEA, the default) or `Microsoft.PowerShell`. */
  readonly configurationName?: string;
  /** The functions the JEA role shows; default all the bot uses. */
  readonly visibleFunctions?: readonly string[];
  readonly pwsh?: PwshCommand;
}

export interface SimulatorPsrpEndpoint {
  readonly configurationName: string;
  /** A new session (a new pwsh): give it to createPsrpClient as `connect`. */
  connect(): OutOfProcessPsrpTransport;
  /** Sessions started so far. */
  readonly sessions: number;
  /** Ends every live session at once, as a node whose WinRM service restarts (fault tests); how many it ended. */
  dropSessions(): number;
  close(): void;
}

/** A configuration name the endpoint does not serve, as WinRM refuses one that is not registered. */
export class UnknownConfigurationError extends Error {
  override readonly name = 'UnknownConfigurationError';
  constructor(readonly configurationName: string) {
    super(`The simulated node has no PowerShell session configuration named ${configurationName}: it serves ${JEA_CONFIGURATION} and ${FULL_CONFIGURATION}.`);
  }
}

export function createSimulatorPsrpEndpoint(options: SimulatorPsrpOptions): SimulatorPsrpEndpoint {
  const configurationName = options.configurationName ?? JEA_CONFIGURATION;
  if (configurationName !== JEA_CONFIGURATION && configurationName !== FULL_CONFIGURATION) throw new UnknownConfigurationError(configurationName);
  const workDir = mkdtempSync(join(tmpdir(), 'hyperv-chatops-psrp-'));
  const systemRoot = join(workDir, 'Windows');
  mkdirSync(systemRoot, { recursive: true });
  const env = { ...simulatorPwshEnvironment(options, systemRoot), PSModulePath: endpointModulePath() };
  const config = configurationName === JEA_CONFIGURATION
    ? ['-ConfigurationFile', writeJeaSessionFile(workDir, options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {})]
    : [];
  const pwsh = options.pwsh ?? findPwsh();
  let sessions = 0;
  const live = new Set<ReturnType<typeof createOutOfProcessTransport>>();
  return {
    configurationName,
    get sessions() {
      return sessions;
    },
    connect() {
      sessions++;
      for (const t of live) if (t.isBroken()) live.delete(t);
      const transport = createOutOfProcessTransport({ file: pwsh.file, args: [...pwsh.prefixArgs, '-NoLogo', '-NoProfile', ...config, '-s'], env, cwd: workDir });
      live.add(transport);
      return transport;
    },
    dropSessions() {
      const ended = [...live].filter((t) => !t.isBroken());
      for (const t of ended) t.kill();
      live.clear();
      return ended.length;
    },
    close() {
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
