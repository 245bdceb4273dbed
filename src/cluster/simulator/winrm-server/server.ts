/**
 * @module winrm-server/server: the simulator's WinRM listener on node:http(s), put together:
 * authentication (http-auth), the HTTP exchange with WinRM message encryption (request-handler,
 * [MS-WSMV] 2.2.9.1), SOAP (soap-endpoint), the WinRS shells (winrs-service, shell-registry) and,
 * when given sessions, PSRP shells on the PowerShell resource URIs (psrp-service).
 * Listens on 127.0.0.1 by default; port 0 picks a free port.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { channelBindingHash, type ChannelBindingPolicy } from '../../../remoting/ntlm/index.js';
import { silentLogger, type RemotingLogger } from '../../../remoting/transport/logger.js';
import type { CommandHost } from '../powershell/command-host.js';
import { ServerDefaults } from './constants.js';
import { createAuthGate, type ServerAuthOptions } from './http-auth.js';
import { createRequestHandler } from './request-handler.js';
import { createShellRegistry } from './shell-registry.js';
import { createSoapEndpoint } from './soap-endpoint.js';
import { createServerStats, type WinrmServerStats } from './stats.js';
import { createPsrpService, isPowerShellResourceUri, type PsrpSessions } from './psrp-service.js';
import { createWinrsService, type WinrsService } from './winrs-service.js';

export interface WinrmServerOptions {
  /** Runs each command (the simulator's script host, or any other). */
  readonly host: CommandHost;
  readonly auth: ServerAuthOptions;
  /** Accept Basic and unsealed NTLM messages over plain HTTP; false, like Windows. */
  readonly allowUnencrypted?: boolean;
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /**
   * WinRM's Service/Auth CbtHardeningLevel for NTLM over HTTPS: `strict` refuses a client without
   * the channel binding to this certificate, `relaxed` (Windows' default) refuses only a wrong one.
   */
  readonly cbtHardeningLevel?: 'none' | 'relaxed' | 'strict';
  /** MaxTimeoutms: the longest a Receive waits; 60 s. */
  readonly operationTimeoutMaxMs?: number;
  /** MaxShellsPerUser; 30. */
  readonly maxShellsPerUser?: number;
  /** MaxConcurrentOperationsPerUser (commands not yet Signalled); 1500. */
  readonly maxConcurrentOperationsPerUser?: number;
  /** A shell unused this long is gone; 2 hours. */
  readonly shellIdleTimeoutMs?: number;
  /**
   * Injected network latency (benchmarks): every response waits this long (one round trip), and
   * the first response on a new connection once more (its TCP handshake). 0 by default.
   */
  readonly latencyMs?: number;
  /** The computer name in faults and the NTLM CHALLENGE. */
  readonly machineName?: string;
  readonly logger?: RemotingLogger;
  readonly now?: () => number;
  /** Serve PSRP too: shells on http://schemas.microsoft.com/powershell/<name> become these sessions. */
  readonly psrp?: PsrpSessions;
}

export interface WinrmServer {
  /** Starts listening; resolves with the endpoint URL (`http://127.0.0.1:PORT/wsman`). */
  listen(port?: number, host?: string): Promise<{ readonly url: string }>;
  /** Closes every connection (long polls included) and forgets all shells. */
  close(): Promise<void>;
  stats(): WinrmServerStats;
}

export type { WinrmServerStats } from './stats.js';

/** Listens and resolves with the endpoint URL; rejects with the listen error (EADDRINUSE, …). */
function listenAt(server: http.Server, port: number, host: string, secure: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve(`${secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}/wsman`);
    });
  });
}

function channelBinding(options: WinrmServerOptions): ChannelBindingPolicy | undefined {
  const level = options.cbtHardeningLevel ?? 'relaxed';
  if (!options.https || level === 'none') return undefined;
  const pem = options.https.cert.toString();
  return { expected: channelBindingHash(new X509Certificate(pem).raw), hardening: level };
}

export function createWinrmServer(options: WinrmServerOptions): WinrmServer {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const machine = options.machineName ?? 'SIMULATOR';
  const secure = options.https !== undefined;
  const allowUnencrypted = options.allowUnencrypted ?? false;
  const idleTimeoutMs = options.shellIdleTimeoutMs ?? ServerDefaults.shellIdleTimeoutMs;
  const shells = createShellRegistry({
    maxShellsPerUser: options.maxShellsPerUser ?? ServerDefaults.maxShellsPerUser,
    maxConcurrentOperationsPerUser: options.maxConcurrentOperationsPerUser ?? ServerDefaults.maxConcurrentOperationsPerUser,
    idleTimeoutMs,
    now,
  });
  const winrs = createWinrsService({
    host: options.host,
    shells,
    idleTimeoutMs,
    operationTimeoutMaxMs: options.operationTimeoutMaxMs ?? ServerDefaults.operationTimeoutMaxMs,
    logger,
  });
  const psrp = options.psrp && createPsrpService({
    sessions: options.psrp,
    operationTimeoutMaxMs: options.operationTimeoutMaxMs ?? ServerDefaults.operationTimeoutMaxMs,
    logger,
  });
  const service: WinrsService = {
    handle: (request, context) => (psrp && isPowerShellResourceUri(request.resourceUri) ? psrp.handle(request, context) : winrs.handle(request, context)),
  };
  const binding = channelBinding(options);
  const gate = createAuthGate({ auth: options.auth, secure, allowUnencrypted, machineName: machine, logger, ...(binding ? { channelBinding: binding } : {}) });
  const stats = createServerStats(() => shells.open());
  let address = '';
  const handle = createRequestHandler({
    gate,
    endpoint: createSoapEndpoint({ service, stats, machine, logger }),
    stats,
    secure,
    allowUnencrypted,
    latencyMs: options.latencyMs ?? 0,
    address: () => address,
    logger,
  });

  const listener: http.RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ error: (error as Error).name }, 'the WinRM simulator failed a request');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
  const server = options.https ? https.createServer({ key: options.https.key, cert: options.https.cert }, listener) : http.createServer(listener);
  server.keepAliveTimeout = ServerDefaults.keepAliveMs;
  server.on('connection', () => stats.connection());

  return {
    async listen(port = 0, host = '127.0.0.1') {
      address = await listenAt(server, port, host, secure);
      logger.info({ url: address }, 'WinRM simulator listening');
      return { url: address };
    },
    async close() {
      shells.clear();
      await psrp?.close();
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
    stats: () => stats.snapshot(),
  };
}
