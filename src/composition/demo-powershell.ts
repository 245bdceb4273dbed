/**
 * @module composition/demo-powershell: what the built-in demo does on a machine without
 * PowerShell 7. The demo serves its simulated cluster over WinRM and runs the scripts in a real
 * pwsh; without one it runs a reduced demo instead, the SimulatedCluster in-process (no WinRM,
 * no scripts), and says so and what to install. A configuration that names a simulated cluster
 * over WinRM gets no such fallback: it stops with the same one line (PowerShellMissingError).
 */
import type { Config } from '../config/schema.js';
import { findPwsh, PowerShellMissingError } from '../cluster/simulator/powershell/index.js';

export interface DemoPlan {
  readonly config: Config;
  /** Said on stderr before the demo starts, when it is the reduced one. */
  readonly notice?: string;
}

export function planDemo(config: Config, find: () => unknown = findPwsh): DemoPlan {
  try {
    find();
    return { config };
  } catch (error) {
    if (!(error instanceof PowerShellMissingError)) throw error;
    const clusters = config.clusters.map((c) => (c.kind === 'simulated' ? { ...c, transport: 'direct' as const } : c));
    return {
      config: { ...config, clusters },
      notice: `${error.message} Until then this is a reduced demo: the simulated cluster runs inside the bot, without WinRM and without the PowerShell scripts.`,
    };
  }
}
