/**
 * @module composition/clusters: a cluster from its configuration. Remote clusters run the
 * scripts over WinRM on a node; a simulated one is served over real WS-Management on loopback
 * and reached through the same client (the default), or called in-process (`transport: direct`).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../cluster/clock.js';
import type { Cluster } from '../cluster/cluster.js';
import { createRemoteCluster } from '../cluster/remote/index.js';
import { demoInventory } from '../cluster/simulator/demo-inventory.js';
import { loadInventoryFile } from '../cluster/simulator/inventory-file.js';
import { startSimulatorPowerShell } from '../cluster/simulator/powershell/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../cluster/simulator/simulated-cluster.js';
import { createWinrmServer } from '../cluster/simulator/winrm-server/index.js';
import type { ClusterConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { CommandRunner } from '../remoting/command-runner.js';
import { createPowerShellRunner } from '../remoting/powershell/index.js';
import { createWinrsRunner } from '../remoting/winrs-runner.js';
import { transportWarnings } from './transport-warnings.js';

export interface BuiltCluster {
  cluster: Cluster;
  /** The model behind a simulated cluster (for rehearsals and tests that inject failures). */
  simulator?: SimulatedCluster;
  /** Deletes open shells and stops a loopback server. */
  close(): Promise<void>;
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
  /** Wraps each cluster's command runner (metrics). */
  instrument?: (cluster: string, runner: CommandRunner) => CommandRunner;
}

export async function buildCluster(c: ClusterConfig, o: ClusterBuildOptions): Promise<BuiltCluster> {
  const instrument = o.instrument ?? ((_name: string, runner: CommandRunner) => runner);
  const remote = (runner: CommandRunner) =>
    createRemoteCluster({ name: c.name, powershell: createPowerShellRunner(instrument(c.name, runner), { logger: o.logger }), clock: o.clock, pollMs: o.pollMs, logger: o.logger });
  switch (c.kind) {
    case 'remote': {
      const password = (o.env ?? process.env)[c.passwordEnv];
      if (!password) throw new MissingSecretError(`clusters[${c.name}].passwordEnv`, c.passwordEnv);
      for (const warning of transportWarnings(c)) o.logger.warn({ cluster: c.name, endpoint: c.endpoint }, warning);
      const runner = createWinrsRunner({
        endpoint: c.endpoint,
        auth: c.auth === 'ntlm' ? { scheme: 'ntlm', username: c.username, password } : { scheme: 'basic', username: c.username, password },
        tls: c.tls && { caFile: c.tls.caFile, fingerprint256: c.tls.fingerprintSha256, insecure: c.tls.insecure },
        operationTimeoutMs: c.operationTimeoutSeconds * 1000,
        maxShellsPerUser: c.maxShells,
        logger: o.logger,
      });
      return { cluster: remote(runner), close: () => runner.close() };
    }
    case 'simulated': {
      const inventory = c.inventory ? await loadInventoryFile(c.inventory) : demoInventory;
      const sim = createSimulatedCluster({ inventory: { ...inventory, name: c.name }, clock: o.clock, bandwidthMBps: c.bandwidthMBps });
      if (c.transport === 'direct') return { cluster: sim, simulator: sim, close: async () => undefined };
      const username = 'hyperv-chatops';
      const password = randomBytes(18).toString('base64url'); // lives only in this process
      // The scripts run in a real pwsh against fake FailoverClusters and Hyper-V modules that read this model.
      const powershell = await startSimulatorPowerShell(sim, { clock: o.clock });
      const server = createWinrmServer({ host: powershell.host, auth: { ntlm: { username, password } } });
      const { url } = await server.listen(0, '127.0.0.1');
      const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', username, password }, logger: o.logger });
      o.logger.info({ cluster: c.name, endpoint: url }, 'simulated cluster served over WinRM on loopback');
      return {
        cluster: remote(runner),
        simulator: sim,
        close: async () => {
          await runner.close();
          await server.close();
          await powershell.close();
        },
      };
    }
  }
}
