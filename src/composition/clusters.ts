/**
 * @module composition/clusters: a cluster from its configuration. Remote clusters run the
 * scripts over WinRS on a node, or (`transport: psrp`) the HyperVChatOps module's functions in a
 * warm PSRP runspace pool on its JEA endpoint. A simulated one runs them in a PSRP session on the
 * simulated node (the default), or serves the scripts over real WS-Management on loopback
 * (`winrs`), or is called in-process (`direct`).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../cluster/clock.js';
import type { Cluster } from '../cluster/cluster.js';
import { createPsrpOperationRunner, createRemoteCluster, createWinrsOperationRunner, type ClusterOperationRunner } from '../cluster/remote/index.js';
import { demoInventory } from '../cluster/simulator/demo-inventory.js';
import { loadInventoryFile } from '../cluster/simulator/inventory-file.js';
import { startSimulatorPowerShell } from '../cluster/simulator/powershell/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../cluster/simulator/simulated-cluster.js';
import { startSimulatorPsrp } from '../cluster/simulator/psrp/index.js';
import { createWinrmServer } from '../cluster/simulator/winrm-server/index.js';
import type { ClusterConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { CommandRunner } from '../remoting/command-runner.js';
import { createPowerShellRunner } from '../remoting/powershell/index.js';
import { createPsrpClient, createWsmanPsrpTransport, type PsrpClient } from '../remoting/psrp/index.js';
import { createTransport } from '../remoting/transport/create-transport.js';
import { createWsmanClient } from '../remoting/wsman/client.js';
import { createWinrsRunner } from '../remoting/winrs-runner.js';
import { createRemoteAuth, type AuthReport } from './remote-auth.js';
import { transportWarnings } from './transport-warnings.js';

export interface BuiltCluster {
  cluster: Cluster;
  /** The model behind a simulated cluster (for rehearsals and tests that inject failures). */
  simulator?: SimulatedCluster;
  transport?: ClusterTransportInfo;
  /** Deletes open shells and stops a loopback server. */
  close(): Promise<void>;
}

/** How a built cluster's operations travel, for `cli check` and the start-up log. */
export interface ClusterTransportInfo {
  readonly transport: 'winrs' | 'psrp' | 'direct';
  /** The URL, or `pwsh -s` of a simulated node. */
  readonly endpoint: string;
  readonly configurationName?: string;
  /** With psrp: the pool the operations run in (check lists the session's functions through it). */
  readonly psrp?: PsrpClient;
  /** A remote cluster's authentication: configured, used, the Kerberos ticket. */
  readonly auth?: () => AuthReport;
}

export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
  constructor(
    readonly field: string,
    readonly variable: string,
  ) {
    super(`${field} names the environment variable ${variable}, which is not set. Set it to the password (never put it in the config file).`);
  }
}

export interface ClusterBuildOptions {
  clock: Clock;
  logger: Logger;
  pollMs: number;
  env?: NodeJS.ProcessEnv;
  /** Wraps each remote cluster's operations, over WinRS or PSRP (metrics). */
  instrument?: (cluster: string, operations: ClusterOperationRunner) => ClusterOperationRunner;
}

export async function buildCluster(c: ClusterConfig, o: ClusterBuildOptions): Promise<BuiltCluster> {
  const instrument = o.instrument ?? ((_name: string, operations: ClusterOperationRunner) => operations);
  const remote = (runner: CommandRunner) => {
    const operations = createWinrsOperationRunner(createPowerShellRunner(runner, { logger: o.logger }));
    return createRemoteCluster({ name: c.name, operations: instrument(c.name, operations), clock: o.clock, pollMs: o.pollMs, logger: o.logger });
  };
  const overPsrp = (client: PsrpClient, endpoint: string) =>
    createRemoteCluster({ name: c.name, operations: instrument(c.name, createPsrpOperationRunner({ client, endpoint })), clock: o.clock, pollMs: o.pollMs, logger: o.logger });
  switch (c.kind) {
    case 'remote': {
      const password = c.passwordEnv ? (o.env ?? process.env)[c.passwordEnv] : undefined;
      if (c.passwordEnv && !password) throw new MissingSecretError(`clusters[${c.name}].passwordEnv`, c.passwordEnv);
      for (const warning of transportWarnings(c)) o.logger.warn({ cluster: c.name, endpoint: c.endpoint }, warning);
      // WinRS and PSRP share the WS-Management transport, so both authenticate the same way.
      const { auth, onAuthenticated, report, close: closeAuth } = createRemoteAuth(c, password, o.env);
      if (c.transport === 'psrp') {
        const tls = c.tls && { caFile: c.tls.caFile, fingerprint256: c.tls.fingerprintSha256, insecure: c.tls.insecure };
        const { configurationName } = c;
        const client = createPsrpClient({
          connect: () => createWsmanPsrpTransport({ client: createWsmanClient({ transport: createTransport({ endpoint: c.endpoint, auth, tls, onAuthenticated }) }), configurationName }),
          maxRunspaces: c.maxShells,
        });
        return {
          cluster: overPsrp(client, `${c.endpoint} as ${configurationName}`),
          transport: { transport: 'psrp', endpoint: c.endpoint, configurationName, psrp: client, auth: report },
          close: async () => {
            await client.close();
            closeAuth();
          },
        };
      }
      const runner = createWinrsRunner({
        endpoint: c.endpoint,
        auth,
        onAuthenticated,
        tls: c.tls && { caFile: c.tls.caFile, fingerprint256: c.tls.fingerprintSha256, insecure: c.tls.insecure },
        operationTimeoutMs: c.operationTimeoutSeconds * 1000,
        maxShellsPerUser: c.maxShells,
        logger: o.logger,
      });
      return {
        cluster: remote(runner),
        transport: { transport: 'winrs', endpoint: c.endpoint, auth: report },
        close: async () => {
          await runner.close();
          closeAuth();
        },
      };
    }
    case 'simulated': {
      const inventory = c.inventory ? await loadInventoryFile(c.inventory) : demoInventory;
      const sim = createSimulatedCluster({ inventory: { ...inventory, name: c.name }, clock: o.clock, bandwidthMBps: c.bandwidthMBps });
      if (c.transport === 'direct') return { cluster: sim, simulator: sim, transport: { transport: 'direct', endpoint: 'in-process' }, close: async () => undefined };
      const username = 'hyperv-chatops';
      const password = randomBytes(18).toString('base64url'); // lives only in this process
      if (c.transport === 'psrp') {
        // The operations run as the HyperVChatOps functions in a pwsh -s session with the fake
        // modules, reached over real WS-Management: a shell on the PowerShell resource URI.
        const psrp = await startSimulatorPsrp(sim, { clock: o.clock, ...(c.configurationName ? { configurationName: c.configurationName } : {}) });
        const server = createWinrmServer({ host: psrp.powershell.host, psrp: psrp.sessions, auth: { ntlm: { username, password } } });
        const { url } = await server.listen(0, '127.0.0.1');
        const configurationName = psrp.endpoint.configurationName;
        const auth = { scheme: 'ntlm' as const, username, password };
        const client = createPsrpClient({
          connect: () => createWsmanPsrpTransport({ client: createWsmanClient({ transport: createTransport({ endpoint: url, auth }) }), configurationName }),
          maxRunspaces: 4,
        });
        o.logger.info({ cluster: c.name, endpoint: url, configurationName }, 'simulated cluster served over PSRP (WS-Management) on loopback');
        return {
          cluster: overPsrp(client, `${url} as ${configurationName}`),
          simulator: sim,
          transport: { transport: 'psrp', endpoint: url, configurationName, psrp: client },
          close: async () => {
            await client.close();
            await server.close();
            await psrp.close();
          },
        };
      }
      // The scripts run in a real pwsh against fake FailoverClusters and Hyper-V modules that read this model.
      const powershell = await startSimulatorPowerShell(sim, { clock: o.clock });
      const server = createWinrmServer({ host: powershell.host, auth: { ntlm: { username, password } } });
      const { url } = await server.listen(0, '127.0.0.1');
      const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', username, password }, logger: o.logger });
      o.logger.info({ cluster: c.name, endpoint: url }, 'simulated cluster served over WinRM on loopback');
      return {
        cluster: remote(runner),
        simulator: sim,
        transport: { transport: 'winrs', endpoint: url },
        close: async () => {
          await runner.close();
          await server.close();
          await powershell.close();
        },
      };
    }
  }
}
