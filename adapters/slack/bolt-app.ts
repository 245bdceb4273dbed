/**
 * @module slack/bolt-app: the Bolt app and how Slack reaches it. Socket Mode when an
 * app-level token is given (no public URL needed), otherwise Bolt's HTTP receiver on the
 * configured port and path, which checks every request's v0 signature and refuses
 * timestamps older than five minutes (401, nothing runs), with the bounds Bolt lets us set
 * before that check (limits.ts: body size, node:http timeouts, open sockets). Acks go out at once
 * (`processBeforeResponse: false`): the work happens after Slack has its answer.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../src/core/logger.js';
import { boltLogger } from './bolt-logger.js';
import { SLACK_HTTP_LIMITS, type SlackHttpLimits } from './limits.js';
import { SlackStartError } from './errors.js';
import { SLACK_RETRY_POLICY } from './web-client.js';

export type SlackReceiverOptions =
  | { mode: 'socket'; appToken: string }
  | { mode: 'http'; signingSecret: string; port: number; host?: string; path: string; limits?: Partial<SlackHttpLimits> };

export interface BoltAppOptions {
  botToken: string;
  /** From auth.test at start, so Bolt does not call it again. */
  botId: string;
  botUserId: string;
  apiUrl: string;
  logger: Logger;
  receiver: SlackReceiverOptions;
}

export interface BoltApp {
  app: App;
  /** Listens (HTTP) or connects (Socket Mode); the HTTP port actually bound, when HTTP. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

export function createBoltApp(o: BoltAppOptions): BoltApp {
  const logger = boltLogger(o.logger, 'slack-bolt');
  const clientOptions = { slackApiUrl: o.apiUrl, retryConfig: { ...SLACK_RETRY_POLICY }, logger };
  const r = o.receiver;
  const limits: SlackHttpLimits = { ...SLACK_HTTP_LIMITS, ...(r.mode === 'http' ? r.limits : {}) };
  const receiver =
    r.mode === 'socket'
      ? new SocketModeReceiver({ appToken: r.appToken, logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: r.signingSecret,
          endpoints: [r.path],
          port: r.port,
          processBeforeResponse: false,
          signatureVerification: true,
          bodyLimit: limits.maxBodyBytes,
          logger,
        });
  const app = new App({
    token: o.botToken,
    botId: o.botId,
    botUserId: o.botUserId,
    receiver,
    logger,
    clientOptions,
    convoStore: false,
    tokenVerificationEnabled: false,
  });
  let started = false;
  return {
    app,
    async start() {
      try {
        if (r.mode === 'socket') {
          await (receiver as SocketModeReceiver).start();
          started = true;
          return {};
        }
        const server = await (receiver as HTTPReceiver).start(
          { port: r.port, host: r.host ?? '127.0.0.1' },
          {
            headersTimeout: limits.headersTimeoutMs,
            requestTimeout: limits.requestTimeoutMs,
            keepAliveTimeout: limits.keepAliveTimeoutMs,
            connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
          },
        );
        server.maxConnections = limits.maxConnections;
        started = true;
        return { port: (server.address() as AddressInfo).port };
      } catch (error) {
        const e = error as { data?: { error?: unknown }; code?: unknown; name?: unknown };
        const detail = String(e.data?.error ?? e.code ?? e.name ?? 'unknown error');
        throw new SlackStartError(r.mode === 'socket' ? 'socket' : 'listen', detail);
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
    },
  };
}
