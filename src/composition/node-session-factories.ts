/**
 * @module composition/node-session-factories: how the bot opens its session to one node's
 * endpoint, per transport: WinRS shells (each operation its script in a new PowerShell) or a warm
 * PSRP runspace pool on the node's session configuration (the JEA endpoint). Nothing goes over the
 * network until the session's first operation.
 */
import { createPsrpOperationRunner, createWinrsOperationRunner } from '../cluster/remote/index.js';
import type { NodeSession } from '../cluster/remote/node-sessions.js';
import type { Logger } from '../core/logger.js';
import { createPowerShellRunner } from '../remoting/powershell/index.js';
import { createPsrpClient, createWsmanPsrpTransport, type PsrpClient } from '../remoting/psrp/index.js';
import { createTransport } from '../remoting/transport/create-transport.js';
import { createWsmanClient } from '../remoting/wsman/client.js';
import { createWinrsRunner } from '../remoting/winrs-runner.js';

type TransportOptions = Parameters<typeof createTransport>[0];

export interface NodeSessionSettings {
  readonly auth: TransportOptions['auth'];
  readonly tls?: TransportOptions['tls'];
  readonly logger: Logger;
  readonly operationTimeoutMs?: number;
  /** Shells (WinRS) or runspaces (PSRP) open at once on one node. */
  readonly maxShells?: number;
  /** Told what authenticated each new connection (`cli check` reports it per node). */
  readonly onAuthenticated?: TransportOptions['onAuthenticated'];
}

/** A WinRS session to `endpoint`: the shells are reused across operations. */
export function openWinrsSession(endpoint: string, s: NodeSessionSettings): NodeSession {
  const runner = createWinrsRunner({
    endpoint, auth: s.auth, ...(s.tls ? { tls: s.tls } : {}), ...(s.onAuthenticated ? { onAuthenticated: s.onAuthenticated } : {}), logger: s.logger,
    ...(s.operationTimeoutMs !== undefined ? { operationTimeoutMs: s.operationTimeoutMs } : {}),
    ...(s.maxShells !== undefined ? { maxShellsPerUser: s.maxShells } : {}),
  });
  const powershell = createPowerShellRunner(runner, { logger: s.logger });
  return { runner: createWinrsOperationRunner(powershell), close: () => runner.close() };
}

/** A PSRP session to `endpoint` on `configurationName`; `client` is its runspace pool. */
export function openPsrpSession(endpoint: string, configurationName: string, s: NodeSessionSettings): NodeSession & { client: PsrpClient } {
  const client = createPsrpClient({
    connect: () => createWsmanPsrpTransport({
      client: createWsmanClient({ transport: createTransport({ endpoint, auth: s.auth, ...(s.tls ? { tls: s.tls } : {}), ...(s.onAuthenticated ? { onAuthenticated: s.onAuthenticated } : {}) }) }), configurationName,
    }),
    ...(s.maxShells !== undefined ? { maxRunspaces: s.maxShells } : {}),
  });
  return { client, runner: createPsrpOperationRunner({ client, endpoint: `${endpoint} as ${configurationName}` }), close: () => client.close() };
}
